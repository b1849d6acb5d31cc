import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createLocalDiskStorage } from "@/lib/media/local-disk-storage";

describe("the local disk driver after a crash", () => {
  it("removes the temporary file a killed writer left, and keeps one still being written", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "disk-leftovers-"));
    const storage = createLocalDiskStorage({
      root,
      publicBaseUrl: "http://app.test/media/signed",
      signingSecret: "s",
    });
    const folder = path.join(root, "users", "u", "results", "r");
    fs.mkdirSync(folder, { recursive: true });
    // The process that wrote this one has exited: its write will never finish.
    const gonePid = spawnSync(process.execPath, ["-e", ""]).pid;
    const dead = path.join(folder, `original.jpg.${gonePid}.11111111-2222-3333-4444-555555555555.tmp`);
    const live = path.join(folder, `original.jpg.${process.pid}.66666666-7777-8888-9999-000000000000.tmp`);
    fs.writeFileSync(dead, "half");
    fs.writeFileSync(live, "in progress");

    await storage.put("users/u/results/r/original.jpg", Buffer.from("whole"), "image/jpeg");

    expect(fs.readdirSync(folder).sort()).toEqual(["original.jpg", path.basename(live)]);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
