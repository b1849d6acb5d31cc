import "server-only";
import { cookies } from "next/headers";
import { z } from "zod";
import { VIEWPORT_HINT_COOKIE } from "./viewport-hint";

// Plain digits only; narrower than any phone or wider than any screen is not a width our script wrote.
const viewportWidthSchema = z
  .string()
  .regex(/^\d{1,5}$/)
  .transform(Number)
  .pipe(z.number().int().min(240).max(8192));

/** The window width the browser's head script reported (CSS px), or null when absent or bad. */
export function parseViewportHint(value: string | undefined): number | null {
  const parsed = viewportWidthSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * This request's viewport hint: a guess for laying out the first paint, nothing more. It comes
 * from the browser unchecked, so it may size columns and never decide anything else.
 */
export async function readViewportHint(): Promise<number | null> {
  return parseViewportHint((await cookies()).get(VIEWPORT_HINT_COOKIE)?.value);
}
