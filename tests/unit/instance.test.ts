import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveInstance } from "@/lib/server/instance";

describe("the instance id claims carry", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-instance-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const lockFile = path.join(root, "instance.lock");

  it("is the data folder's own, kept privately across restarts", () => {
    const first = resolveInstance(root);
    expect(first.persistent).toBe(true);
    expect(fs.statSync(path.join(root, "instance-id")).mode & 0o777).toBe(0o600);
    expect(resolveInstance(root)).toEqual(first);
  });

  it("is the same after a kill -9 left the lock behind", async () => {
    const before = resolveInstance(root);
    const dead = spawn("true");
    await new Promise((resolve) => dead.on("exit", resolve));
    fs.writeFileSync(lockFile, JSON.stringify({ pid: dead.pid, host: os.hostname() }));
    expect(resolveInstance(root)).toEqual({ id: before.id, persistent: true });
  });

  it("is a throwaway one while another live process holds the folder, so neither releases the other's claims", () => {
    const folders = resolveInstance(root);
    const holder = spawn("sleep", ["30"]);
    try {
      fs.writeFileSync(lockFile, JSON.stringify({ pid: holder.pid, host: os.hostname() }));
      const second = resolveInstance(root);
      expect(second.persistent).toBe(false);
      expect(second.id).not.toBe(folders.id);
    } finally {
      holder.kill();
      fs.rmSync(lockFile, { force: true });
    }
  });
});
