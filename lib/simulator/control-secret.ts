import { randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// The simulator's /__sim/* endpoints list every user's prompts and live signed upload URLs and
// change how it behaves, so even on loopback they answer only to whoever holds this process's
// secret: the app writes it into DATA_DIR (0600) for the test harness; `npm run simulator` prints it.

export const CONTROL_SECRET_FILE = "simulator-control-secret";

export const newControlSecret = (): string => randomBytes(32).toString("base64url");

export function isControlAuthorized(header: string | undefined, secret: string): boolean {
  const given = Buffer.from(header ?? "");
  const expected = Buffer.from(`Bearer ${secret}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Written aside and renamed, so a reader never sees half a secret or a file others could read. */
export function writeControlSecret(dataDir: string, secret: string): string {
  const file = path.join(dataDir, CONTROL_SECRET_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(temporary, secret, { mode: 0o600 });
  fs.renameSync(temporary, file);
  return file;
}
