import fs from "node:fs";
import os from "node:os";

// A lock file naming the process that holds it ({pid, host}). kill -9 leaves the file behind, so a
// holder on this host that is no longer alive counts as gone; a holder on another host cannot be
// probed and is always respected.

export interface LockHolder {
  pid: number;
  host: string;
}

export type LockAttempt = { acquired: true; release: () => void } | { acquired: false; holder: LockHolder };

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

/** Takes the lock for this process, or says who holds it; released when the process exits. */
export function tryLockFile(lockPath: string): LockAttempt {
  const me: LockHolder = { pid: process.pid, host: os.hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(me), { flag: "wx", mode: 0o600 });
      const release = () => {
        if (readHolder(lockPath)?.pid === me.pid) fs.rmSync(lockPath, { force: true });
      };
      process.once("exit", release);
      return { acquired: true, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(lockPath);
      if (holder && holder.pid === me.pid && holder.host === me.host)
        return { acquired: true, release: () => {} };
      if (holder && (holder.host !== me.host || isAlive(holder.pid))) return { acquired: false, holder };
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}
