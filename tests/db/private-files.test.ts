import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { createLocalDiskStorage } from "@/lib/media/local-disk-storage";
import { CONTROL_SECRET_FILE, writeControlSecret } from "@/lib/simulator/control-secret";

const modeOf = (target: string) => fs.statSync(target).mode & 0o777;

/** Every folder and file under `root`, with its permission bits. */
function modesUnder(root: string): { path: string; mode: number; folder: boolean }[] {
  return fs.readdirSync(root, { recursive: true, encoding: "utf8" }).map((entry) => {
    const full = path.join(root, entry);
    return { path: entry, mode: modeOf(full), folder: fs.statSync(full).isDirectory() };
  });
}

describe("files the app creates are for its own user only", () => {
  let root: string;
  // A permissive umask, as on many servers: the modes must not depend on it.
  let umask: number;

  beforeAll(() => {
    umask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(umask);
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("media: folders 0700, files 0600", async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-private-"));
    const mediaRoot = path.join(root, "data", "media");
    const storage = createLocalDiskStorage({
      root: mediaRoot,
      publicBaseUrl: "http://localhost/media/signed",
      signingSecret: "s",
    });
    await storage.put("users/u1/results/g1/original.png", Buffer.from("png"), "image/png");
    expect(modeOf(mediaRoot)).toBe(0o700);
    const entries = modesUnder(mediaRoot);
    expect(entries.length).toBeGreaterThan(3);
    for (const entry of entries)
      expect(entry, entry.path).toMatchObject({ mode: entry.folder ? 0o700 : 0o600 });
  });

  // An on-disk PGlite runs initdb and every migration first: well over the default 20 s on a busy machine.
  it("the embedded database: its folder 0700 and its lock file 0600", { timeout: 90_000 }, async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-private-"));
    const dir = path.join(root, "data", "pglite");
    const handle = await openDatabase({ pgliteDir: dir });
    try {
      expect(modeOf(dir)).toBe(0o700);
      expect(modeOf(path.join(root, "data", "pglite.lock"))).toBe(0o600);
      expect(fs.existsSync(path.join(dir, "PG_VERSION"))).toBe(true);
    } finally {
      await handle.close();
    }
  });

  it("the simulator's control secret: 0600, replaced whole on every start", () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-private-"));
    const dataDir = path.join(root, "data");
    writeControlSecret(dataDir, "first");
    const file = writeControlSecret(dataDir, "second");
    expect(file).toBe(path.join(dataDir, CONTROL_SECRET_FILE));
    expect(fs.readFileSync(file, "utf8")).toBe("second");
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(fs.readdirSync(dataDir)).toEqual([CONTROL_SECRET_FILE]);
  });
});
