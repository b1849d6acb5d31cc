// Log lines carry ids, counts and error names and codes, nothing else. An error's message is never
// printed: a database driver's message holds the query's parameters (drizzle: "Failed query: …
// params: …"), which can be a callback token, an email or a password hash; a network error's
// message names hosts and ports.

import { currentRequestId } from "./request-context";

export type LogFields = Record<string, string | number | boolean | null | undefined>;

// A name or code is a short identifier; anything else (a sentence, a value) is not printed.
const IDENTIFIER = /^[\w.:-]{1,64}$/;
const MAX_CAUSES = 4;

function identifier(value: unknown): string | null {
  const text = typeof value === "number" ? String(value) : value;
  return typeof text === "string" && IDENTIFIER.test(text) ? text : null;
}

function nameOf(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  // Some libraries leave `name` as "Error" (drizzle's DrizzleQueryError); the class says more.
  const name = error.name === "Error" ? error.constructor.name : error.name;
  return identifier(name) ?? "Error";
}

/** `DrizzleQueryError<DatabaseError` and the first code found down the cause chain, e.g. `22021`. */
export function describeError(error: unknown): { error: string; code?: string } {
  const names: string[] = [];
  let code: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSES && current !== undefined && current !== null; depth++) {
    names.push(nameOf(current));
    if (typeof current !== "object") break;
    code ??= identifier((current as { code?: unknown }).code) ?? undefined;
    current = (current as { cause?: unknown }).cause;
  }
  return code === undefined ? { error: names.join("<") } : { error: names.join("<"), code };
}

function format(fields: LogFields): string {
  return (
    Object.entries(fields)
      .filter(([, value]) => value !== undefined && value !== null)
      // One line per event, whatever a value holds: spaces, control and non-ASCII characters become "_".
      .map(([key, value]) => `${key}=${String(value).replace(/[^!-~]+/g, "_")}`)
      .join(" ")
  );
}

// Read from the process, not env(): a log line must never fail because a setting is invalid.
export function logFormat(): "json" | "text" {
  return process.env.LOG_FORMAT === "json" ? "json" : "text";
}

const MAX_VALUE_LENGTH = 200;

/** One JSON object on one line: time, level, scope, event, request_id, then the fields. */
export function jsonLine(level: "info" | "warn", scope: string, event: string, fields: LogFields): string {
  const entries = Object.entries(fields)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => [key, typeof value === "string" ? value.slice(0, MAX_VALUE_LENGTH) : value]);
  return JSON.stringify({
    time: new Date().toISOString(),
    level,
    scope,
    event,
    ...Object.fromEntries(entries),
  });
}

/**
 * `[scope] event key=value …` (LOG_FORMAT=json: one JSON object), with `error=` and `code=` when an
 * error is given and the request's id when there is one.
 */
export function logEvent(scope: string, event: string, fields: LogFields = {}, error?: unknown): void {
  const all = {
    request_id: currentRequestId(),
    ...fields,
    ...(error === undefined ? {} : describeError(error)),
  };
  if (logFormat() === "json") {
    console.log(jsonLine(error === undefined ? "info" : "warn", scope, event, all));
    return;
  }
  const line = format(all);
  console.warn(`[${scope}] ${event}${line ? ` ${line}` : ""}`);
}

/** An operator's notice at start-up (a plain sentence of ours, no values from outside). */
export function logNotice(scope: string, message: string): void {
  if (logFormat() === "json") console.log(jsonLine("info", scope, message, {}));
  else console.log(`[${scope}] ${message}`);
}
