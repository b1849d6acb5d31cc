// Log lines carry ids, counts and error names and codes, nothing else. An error's message is never
// printed: a database driver's message holds the query's parameters (drizzle: "Failed query: …
// params: …"), which can be a callback token, an email or a password hash; a network error's
// message names hosts and ports.

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

/** `[scope] event key=value …`, with `error=` and `code=` when an error is given. */
export function logEvent(scope: string, event: string, fields: LogFields = {}, error?: unknown): void {
  const line = format({ ...fields, ...(error === undefined ? {} : describeError(error)) });
  console.warn(`[${scope}] ${event}${line ? ` ${line}` : ""}`);
}
