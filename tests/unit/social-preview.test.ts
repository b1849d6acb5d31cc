import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLocalDiskStorage } from "@/lib/media/local-disk-storage";
import { loadSocialPreview, renderSocialPreview } from "@/lib/media/social-preview";
import type { MediaStorage } from "@/lib/media/storage";
import { previewKeyOf, storedFilesOf } from "@/lib/media/stored-files";

const source = { storageKey: "users/u1/results/g1/original.png", width: 1600, height: 900 };

describe("the share link preview", () => {
  let root: string;
  let storage: MediaStorage;
  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-preview-"));
    storage = createLocalDiskStorage({ root, publicBaseUrl: "http://x", signingSecret: "s" });
    const original = await sharp({ create: { width: 1600, height: 900, channels: 3, background: "#884422" } })
      .png()
      .toBuffer();
    await storage.put(source.storageKey, original, "image/png");
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("is rendered once for 40 parallel requests, stored beside the original, and read from disk after", async () => {
    const render = vi.fn(renderSocialPreview);
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => loadSocialPreview(storage, source, render)),
    );
    expect(render).toHaveBeenCalledTimes(1);
    const bodies = await Promise.all(answers.map((answer) => answer && buffer(answer.body)));
    expect(bodies.every((body) => body && body.length > 0)).toBe(true);
    const file = path.join(root, "users/u1/results/g1/original-preview.jpg");
    expect(await sharp(fs.readFileSync(file)).metadata()).toMatchObject({
      format: "jpeg",
      width: 1200,
      height: 675,
    });

    const later = await loadSocialPreview(storage, source, render);
    expect(later && (await buffer(later.body))).toEqual(fs.readFileSync(file));
    expect(render).toHaveBeenCalledTimes(1);
  });

  it("is nothing when the original is gone, and is not left behind when the image goes mid-render", async () => {
    await storage.delete(source.storageKey);
    expect(await loadSocialPreview(storage, source)).toBeNull();

    await storage.put(source.storageKey, Buffer.from("x"), "image/png");
    const deletedWhileRendering = vi.fn(async () => {
      await storage.delete(source.storageKey);
      return Buffer.from("jpeg");
    });
    expect(await loadSocialPreview(storage, source, deletedWhileRendering)).toBeNull();
    expect(fs.existsSync(path.join(root, previewKeyOf(source.storageKey)))).toBe(false);
  });

  it("is one of the files deleting the media removes", () => {
    expect(
      storedFilesOf({ storageKey: source.storageKey, thumbnailKey: "users/u1/results/g1/thumbnail.webp" }),
    ).toEqual([
      source.storageKey,
      "users/u1/results/g1/thumbnail.webp",
      "users/u1/results/g1/original-medium.webp",
      "users/u1/results/g1/original-display.webp",
      "users/u1/results/g1/original-preview.jpg",
    ]);
  });
});
