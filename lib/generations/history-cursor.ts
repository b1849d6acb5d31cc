import { z } from "zod";
import type { HistoryCursor } from "@/db/queries/generations";

const cursorSchema = z.object({ t: z.iso.datetime({ offset: true }), id: z.uuid() });

export function encodeHistoryCursor(cursor: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ t: cursor.createdAt.toISOString(), id: cursor.id })).toString(
    "base64url",
  );
}

/** A malformed cursor reads as "from the start", never as an error page. */
export function decodeHistoryCursor(value: string | undefined): HistoryCursor | undefined {
  if (!value) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? { createdAt: new Date(parsed.data.t), id: parsed.data.id } : undefined;
  } catch {
    return undefined;
  }
}
