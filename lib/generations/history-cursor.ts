import { z } from "zod";
import type { HistoryCursor } from "@/db/queries/generations";

// PostgreSQL's timestamps start at 4713 BC but JavaScript's ISO strings and ours at year 1, so a
// cursor dated "0000-…" (valid ISO, impossible as a timestamp) would reach the database as an error.
const instant = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value))
  .refine((date) => !Number.isNaN(date.getTime()) && date.getUTCFullYear() >= 1, "Not a real instant.");

const cursorSchema = z.object({ t: instant, id: z.uuid() });

export function encodeHistoryCursor(cursor: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ t: cursor.createdAt.toISOString(), id: cursor.id })).toString(
    "base64url",
  );
}

export function decodeHistoryCursor(value: string): HistoryCursor | undefined {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? { createdAt: parsed.data.t, id: parsed.data.id } : undefined;
  } catch {
    return undefined;
  }
}

/** A `cursor` query parameter: only ever one we made, so anything else is refused, not guessed at. */
export const historyCursorParam = z
  .string()
  .max(200, "A page cursor is at most 200 characters.")
  .transform((value, context) => {
    const cursor = decodeHistoryCursor(value);
    if (!cursor)
      context.addIssue({ code: "custom", message: "This page cursor is not valid: reload the page." });
    return cursor ?? z.NEVER;
  });
