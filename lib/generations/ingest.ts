import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import {
  claimIngest,
  completeIngest,
  INGEST_CLAIM_TTL_MS,
  markFinished,
  releaseIngest,
} from "@/db/queries/generation-lifecycle";
import { getGenerationById } from "@/db/queries/generations";
import type { Generation } from "@/db/schema";
import { renderSizedVariants } from "@/lib/media/display-variant";
import { DownloadError, downloadImage } from "@/lib/media/download";
import { processImage, UnsupportedImageError } from "@/lib/media/image-processing";
import type { MediaStorage } from "@/lib/media/storage";
import { displayKeyOf, mediumKeyOf } from "@/lib/media/stored-files";
import type { Upstream } from "@/lib/upstream";
import { ingestRetryDelayMs, MAX_INGEST_ATTEMPTS } from "./backoff";
import { logGenerationEvent } from "./logger";

const MAX_RESULT_BYTES = 60 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 60_000;

export function resultKeys(userId: string, generationId: string, extension: string) {
  const base = `users/${userId}/results/${generationId}`;
  const original = `${base}/original.${extension}`;
  return {
    original,
    thumbnail: `${base}/thumbnail.webp`,
    medium: mediumKeyOf(original),
    display: displayKeyOf(original),
  };
}

/**
 * Copies a finished result into our storage, exactly once however many requests race here:
 * the database claim picks one downloader, and the final write checks that claim again.
 */
export async function ingestResult(
  {
    db,
    storage,
    upstream,
    instanceId,
  }: { db: Db; storage: MediaStorage; upstream: Pick<Upstream, "allowHosts">; instanceId: string },
  generation: Generation,
  resultUrl: string,
): Promise<void> {
  const claimId = randomUUID();
  const claimed = await claimIngest(db, {
    id: generation.id,
    owner: instanceId,
    resultUrl,
    claimId,
    // Another instance's claim this old was left by a process that died mid-download.
    claimTtlMs: INGEST_CLAIM_TTL_MS,
  });
  if (!claimed) return;
  let keys: ReturnType<typeof resultKeys> | undefined;
  try {
    const bytes = await downloadImage(resultUrl, {
      maxBytes: MAX_RESULT_BYTES,
      timeoutMs: DOWNLOAD_TIMEOUT_MS,
      allowHosts: upstream.allowHosts,
    });
    // The check and the sized copies decode the original side by side on sharp's threads. An
    // unsupported file fails both: the check's error is the one reported.
    const copies = renderSizedVariants(bytes);
    copies.catch(() => {});
    const image = await processImage(bytes);
    const { medium, display } = await copies;
    keys = resultKeys(generation.userId, generation.id, image.extension);
    await Promise.all([
      storage.put(keys.original, bytes, image.contentType),
      storage.put(keys.thumbnail, image.thumbnail, "image/webp"),
      storage.put(keys.medium, medium, "image/webp"),
      storage.put(keys.display, display, "image/webp"),
    ]);
    const completed = await completeIngest(db, {
      id: generation.id,
      claimId,
      image: {
        userId: generation.userId,
        kind: "result",
        storageKey: keys.original,
        thumbnailKey: keys.thumbnail,
        contentType: image.contentType,
        width: image.width,
        height: image.height,
        bytes: bytes.length,
        placeholder: image.placeholder,
      },
    });
    if (!completed) await removeUnlessUsed({ db, storage }, generation.id, keys);
  } catch (error) {
    const permanent =
      (error instanceof DownloadError && error.permanent) ||
      error instanceof UnsupportedImageError ||
      claimed.ingestAttempts >= MAX_INGEST_ATTEMPTS;
    logGenerationEvent(
      "ingest failed",
      { id: generation.id, attempt: claimed.ingestAttempts, permanent },
      error,
    );
    if (!permanent) {
      const retryInMs = ingestRetryDelayMs(claimed.ingestAttempts);
      return releaseIngest(db, { id: generation.id, claimId, retryInMs });
    }
    await markFinished(db, {
      id: generation.id,
      from: ["running"],
      status: "failed",
      errorCode: "ingest_failed",
      errorMessage: `The image was made but could not be saved (${
        error instanceof DownloadError || error instanceof UnsupportedImageError
          ? error.message
          : "unknown error"
      }). Retry to make it again.`,
    });
    if (keys) await removeUnlessUsed({ db, storage }, generation.id, keys);
  }
}

/** Files written by a claim that lost are the winner's too (same keys) unless nobody finished. */
async function removeUnlessUsed(
  { db, storage }: { db: Db; storage: MediaStorage },
  generationId: string,
  keys: ReturnType<typeof resultKeys>,
): Promise<void> {
  const current = await getGenerationById(db, generationId);
  if (current?.media?.storageKey === keys.original) return;
  await Promise.all(Object.values(keys).map((key) => storage.delete(key)));
}
