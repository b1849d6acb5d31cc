import "server-only";
import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/config/env";
import { isLoopbackOrigin } from "./loopback";
import { deriveSecret } from "./secret";

/**
 * The code that makes the first admin on a server others can reach. Derived from the auth secret,
 * so every instance and every restart prints the same one, and it stops working once an admin exists.
 */
export function setupCode(): string {
  const raw = deriveSecret("first-admin-setup")
    .replace(/[^A-Za-z0-9]/g, "")
    .toUpperCase();
  return [raw.slice(0, 4), raw.slice(4, 8), raw.slice(8, 12)].join("-");
}

export function setupCodeRequired(): boolean {
  return !isLoopbackOrigin(env().APP_URL);
}

export function isSetupCodeValid(candidate: unknown): boolean {
  if (typeof candidate !== "string") return false;
  const given = Buffer.from(candidate.trim().toUpperCase());
  const expected = Buffer.from(setupCode());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
