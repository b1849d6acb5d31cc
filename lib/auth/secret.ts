import { createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/config/env";

let cached: string | undefined;

/**
 * AUTH_SECRET, or one generated on first start and kept in DATA_DIR so sessions survive restarts.
 * Several processes may race to create it: the exclusive create settles who writes, all read.
 */
export function resolveAuthSecret(): string {
  if (cached) return cached;
  const { AUTH_SECRET, DATA_DIR } = env();
  if (AUTH_SECRET) {
    cached = AUTH_SECRET;
    return cached;
  }
  const file = path.join(DATA_DIR, "auth-secret");
  fs.mkdirSync(DATA_DIR, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  cached = fs.readFileSync(file, "utf8").trim();
  return cached;
}

/** A key of its own per purpose, so a leak of one (a signed URL, a cookie) says nothing of the others. */
export function deriveSecret(purpose: string): string {
  return createHmac("sha256", resolveAuthSecret()).update(`seedream-studio/${purpose}`).digest("base64url");
}
