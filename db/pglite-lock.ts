import path from "node:path";
import { type LockHolder, tryLockFile } from "../lib/server/lock-file";

// PGlite has no lock between processes: two processes opening one folder both "work" and silently
// lose writes. This lock file makes the second process fail loudly instead.
export class DatabaseLockedError extends Error {
  constructor(dir: string, holder: LockHolder) {
    super(
      `The embedded database in ${dir} is in use by another process (pid ${holder.pid} on ${holder.host}). ` +
        "Stop that process, or set DATABASE_URL to a PostgreSQL server so several processes can share one database.",
    );
    this.name = "DatabaseLockedError";
  }
}

/** Takes the folder's lock for this process; returns the function that releases it. */
export function acquireDatabaseLock(dir: string): () => void {
  const attempt = tryLockFile(path.join(path.dirname(dir), `${path.basename(dir)}.lock`));
  if (!attempt.acquired) throw new DatabaseLockedError(dir, attempt.holder);
  return attempt.release;
}
