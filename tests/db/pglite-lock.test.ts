import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acquireDatabaseLock, DatabaseLockedError } from "@/db/pglite-lock";

describe("the embedded database lock", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-lock-"));
  const dir = path.join(root, "pglite");
  const lockFile = path.join(root, "pglite.lock");
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("refuses a folder held by another live process, naming it", async () => {
    const holder = spawn("sleep", ["30"]);
    try {
      fs.writeFileSync(lockFile, JSON.stringify({ pid: holder.pid, host: os.hostname() }));
      expect(() => acquireDatabaseLock(dir)).toThrow(DatabaseLockedError);
      expect(() => acquireDatabaseLock(dir)).toThrow(new RegExp(`pid ${holder.pid}`));
    } finally {
      holder.kill();
    }
  });

  it("takes over the lock of a process that died, and releases its own", async () => {
    const dead = spawn("true");
    await new Promise((resolve) => dead.on("exit", resolve));
    fs.writeFileSync(lockFile, JSON.stringify({ pid: dead.pid, host: os.hostname() }));
    const release = acquireDatabaseLock(dir);
    expect(JSON.parse(fs.readFileSync(lockFile, "utf8")).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(lockFile)).toBe(false);
  });
});
