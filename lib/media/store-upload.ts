import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { insertMedia } from "@/db/queries/media";
import type { Media } from "@/db/schema";
import { processImage } from "./image-processing";
import { prepareReference } from "./prepare-reference";
import type { MediaStorage } from "./storage";

/**
 * Checks an uploaded reference, then stores it (cleaned of metadata) with its thumbnail, owned by
 * its uploader. A refused file throws before anything is written; a failure after the first write
 * removes what was written, so no orphan files remain.
 */
export async function storeUpload(
  { db, storage }: { db: Db; storage: MediaStorage },
  { userId, name, bytes }: { userId: string; name: string; bytes: Buffer },
): Promise<Media> {
  const prepared = await prepareReference(name, bytes);
  const derived = await processImage(prepared.body);
  const id = randomUUID();
  const keys = {
    original: `users/${userId}/uploads/${id}.${prepared.extension}`,
    thumbnail: `users/${userId}/uploads/${id}-thumbnail.webp`,
  };
  try {
    await storage.put(keys.original, prepared.body, prepared.contentType);
    await storage.put(keys.thumbnail, derived.thumbnail, "image/webp");
    return await insertMedia(db, {
      id,
      userId,
      kind: "upload",
      storageKey: keys.original,
      thumbnailKey: keys.thumbnail,
      contentType: prepared.contentType,
      width: prepared.width,
      height: prepared.height,
      bytes: prepared.body.length,
      placeholder: derived.placeholder,
    });
  } catch (error) {
    await Promise.all([storage.delete(keys.original), storage.delete(keys.thumbnail)]);
    throw error;
  }
}
