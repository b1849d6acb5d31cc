import "server-only";
import { getDb } from "@/db";
import { getSharedImage, type SharedImage } from "@/db/queries/shares";
import { getMediaStorage } from "@/lib/media";
import type { ByteRange, StoredObject } from "@/lib/media/storage";
import { shareTokenSchema } from "./token";

/** What a share link shows, or null once it is revoked (or never was). Counts no view. */
export async function loadShare(token: string): Promise<SharedImage | null> {
  const parsed = shareTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  return (await getSharedImage(await getDb(), { token: parsed.data, countView: false })) ?? null;
}

/** The original behind a live share's image, or null when its file is gone. */
export function openSharedOriginal(shared: SharedImage, range?: ByteRange): Promise<StoredObject | null> {
  return getMediaStorage().get(shared.media.storageKey, { range });
}
