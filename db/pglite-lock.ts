import fs from "node:fs";
import os from "node:os";
import path from "node:path";

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

interface LockHolder {
  pid: number;
  host: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(lockPath: string): LockHolder | null {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(lockPath, "utf8"));
    if (parsed && typeof parsed === "object" && "pid" in parsed && "host" in parsed) {
      const { pid, host } = parsed as Record<string, unknown>;
      if (typeof pid === "number" && typeof host === "string") return { pid, host };
    }
  } catch {
    // Unreadable or half-written: treated as stale below.
  }
  return null;
}

/** Takes the folder's lock for this process; returns the function that releases it. */
export function acquireDatabaseLock(dir: string): () => void {
  const lockPath = path.join(path.dirname(dir), `${path.basename(dir)}.lock`);
  const me: LockHolder = { pid: process.pid, host: os.hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(me), { flag: "wx", mode: 0o600 });
      const release = () => {
        if (readHolder(lockPath)?.pid === me.pid) fs.rmSync(lockPath, { force: true });
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(lockPath);
      if (holder && holder.pid === me.pid && holder.host === me.host) return () => {};
      // A holder on another host cannot be probed: respect it.
      if (holder && (holder.host !== me.host || isAlive(holder.pid))) {
        throw new DatabaseLockedError(dir, holder);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the database lock ${lockPath}`);
}
