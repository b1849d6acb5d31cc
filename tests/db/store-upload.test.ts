import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { media } from "@/db/schema";
import { createLocalDiskStorage } from "@/lib/media/local-disk-storage";
import { ReferenceRejectedError } from "@/lib/media/prepare-reference";
import type { MediaStorage } from "@/lib/media/storage";
import { storeUpload } from "@/lib/media/store-upload";
import { databaseCases } from "../support/databases";
import { makeUser } from "../support/fixtures";

const filesUnder = (dir: string): string[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: "utf8" }) : [];

describe.each(databaseCases())("uploads on $name", ({ open }) => {
  let handle: DatabaseHandle;
  let root: string;
  let storage: MediaStorage;
  beforeAll(async () => {
    handle = await open();
    root = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-uploads-"));
    storage = createLocalDiskStorage({ root, publicBaseUrl: "http://x", signingSecret: "s" });
  });
  afterAll(async () => {
    await handle.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const photo = () =>
    sharp({ create: { width: 64, height: 48, channels: 3, background: "#336699" } })
      .png()
      .toBuffer();

  it("stores a checked upload and its thumbnail, owned by the uploader", async () => {
    const user = await makeUser(handle.db);
    const stored = await storeUpload(
      { db: handle.db, storage },
      { userId: user.id, name: "a.png", bytes: await photo() },
    );
    expect(stored).toMatchObject({
      userId: user.id,
      kind: "upload",
      width: 64,
      height: 48,
      contentType: "image/png",
    });
    expect((await storage.get(stored.storageKey))?.size).toBeGreaterThan(0);
    expect((await storage.get(stored.thumbnailKey))?.size).toBeGreaterThan(0);
  });

  it("stores nothing for a refused file", async () => {
    const user = await makeUser(handle.db);
    await expect(
      storeUpload(
        { db: handle.db, storage },
        { userId: user.id, name: "notes.png", bytes: Buffer.from("text") },
      ),
    ).rejects.toBeInstanceOf(ReferenceRejectedError);
    expect(await handle.db.select().from(media).where(eq(media.userId, user.id))).toHaveLength(0);
    expect(filesUnder(path.join(root, "users", user.id))).toHaveLength(0);
  });

  it("leaves no orphan file when storing fails half-way", async () => {
    const user = await makeUser(handle.db);
    let puts = 0;
    const failing: MediaStorage = {
      ...storage,
      put: async (key, body, type) => {
        if (++puts === 2) throw new Error("disk full");
        await storage.put(key, body, type);
      },
    };
    await expect(
      storeUpload(
        { db: handle.db, storage: failing },
        { userId: user.id, name: "a.png", bytes: await photo() },
      ),
    ).rejects.toThrow("disk full");
    expect(filesUnder(path.join(root, "users", user.id)).filter((f) => f.includes("."))).toHaveLength(0);
    expect(await handle.db.select().from(media).where(eq(media.userId, user.id))).toHaveLength(0);
  });
});
