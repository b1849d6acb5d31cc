import "server-only";
import { getDb } from "@/db";
import { getSharedImage, type SharedImage } from "@/db/queries/shares";
import { getMediaStorage } from "@/lib/media";
import type { StoredObject } from "@/lib/media/storage";
import { shareTokenSchema } from "./token";

/** The original behind a share link, or null once the share is revoked (or never was). */
export async function loadSharedOriginal(
  token: string,
): Promise<{ shared: SharedImage; stored: StoredObject } | null> {
  const parsed = shareTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const shared = await getSharedImage(await getDb(), { token: parsed.data, countView: false });
  const stored = shared ? await getMediaStorage().get(shared.media.storageKey) : null;
  return shared && stored ? { shared, stored } : null;
}
