import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { tryLockFile } from "./lock-file";

// Every claim on a generation (sending its create, a status check, a download) names the app
// instance that holds it. An instance keeps its id in DATA_DIR across restarts, so a process that
// comes back after a crash knows which claims were its predecessor's and releases them at once,
// instead of waiting out their leases. Another instance's claims are never released this way:
// with several instances on one PostgreSQL there is no telling whether another one is dead.

export interface Instance {
  id: string;
  /**
   * Whether the id belongs to this DATA_DIR on this host and outlives the process. Only then are
   * claims found under it left by a dead predecessor. A second process sharing the folder (its
   * lock is held) works under a throwaway id; its claims after a crash wait out their leases.
   */
  persistent: boolean;
}

const ID_FILE = "instance-id";
const LOCK_FILE = "instance.lock";
const ID_PATTERN = /^[0-9a-f-]{36}$/;

const globalForInstance = globalThis as typeof globalThis & { __seedreamInstance?: Instance };

function readOrCreateId(dataDir: string): string {
  const file = path.join(dataDir, ID_FILE);
  try {
    const stored = fs.readFileSync(file, "utf8").trim();
    if (ID_PATTERN.test(stored)) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const id = randomUUID();
  fs.writeFileSync(file, id, { mode: 0o600 });
  return id;
}

/** The instance a process starting on `dataDir` is: the folder's own, unless a live process holds it. */
export function resolveInstance(dataDir: string): Instance {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = tryLockFile(path.join(dataDir, LOCK_FILE));
  return lock.acquired
    ? { id: readOrCreateId(dataDir), persistent: true }
    : { id: randomUUID(), persistent: false };
}

/** Settles this process's instance id, once; called at start-up before any claim is taken. */
export function establishInstance(dataDir: string): Instance {
  globalForInstance.__seedreamInstance ??= resolveInstance(dataDir);
  return globalForInstance.__seedreamInstance;
}

/** The id this process's claims carry (a throwaway one where start-up did not settle it). */
export function currentInstanceId(): string {
  globalForInstance.__seedreamInstance ??= { id: randomUUID(), persistent: false };
  return globalForInstance.__seedreamInstance.id;
}
