import { z } from "zod";
import { AppError } from "@/lib/errors";

/** A query string or form as an object: a name given once maps to its value, a repeated one to a list. */
export type FieldValue = string | File;
export type Fields = Record<string, FieldValue | FieldValue[]>;

export function toFields(entries: Iterable<[string, FieldValue]>): Fields {
  const fields: Fields = {};
  for (const [name, value] of entries) {
    const previous = fields[name];
    if (previous === undefined) fields[name] = value;
    else fields[name] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return fields;
}

/** A field that may be sent once or repeated (`ids=a&ids=b`), always read as a list. */
export function listOf<S extends z.ZodType>(schema: z.ZodArray<S>) {
  return z.preprocess((value) => (value === undefined || Array.isArray(value) ? value : [value]), schema);
}

const NUL = "\u0000";

// PostgreSQL refuses NUL in text, so a NUL anywhere in the input would end in a 500 at the first
// query that carries it. Refusing it here covers every field of every route at once.
function containsNul(input: unknown): boolean {
  const pending: unknown[] = [input];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === "string") {
      if (value.includes(NUL)) return true;
    } else if (value instanceof File) {
      if (value.name.includes(NUL)) return true;
    } else if (Array.isArray(value)) {
      pending.push(...value);
    } else if (typeof value === "object" && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes(NUL)) return true;
        pending.push(item);
      }
    }
  }
  return false;
}

export type InputPart = "path" | "query" | "body";

function firstIssue(error: z.ZodError, part: InputPart): string {
  const issue = error.issues[0];
  if (!issue) return `The request's ${part} is not valid.`;
  const path = issue.path.map(String).join(".");
  return path ? `${issue.message} (${part} field \`${path}\`)` : `${issue.message} (${part})`;
}

/** `input` checked against `schema`; anything else is a 400 saying what is wrong with it. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, part: InputPart): z.output<S> {
  if (containsNul(input)) {
    throw new AppError("invalid_input", `Text may not contain NUL characters (\\u0000): check the ${part}.`);
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid_input", firstIssue(parsed.error, part));
  return parsed.data;
}
