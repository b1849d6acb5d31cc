import "server-only";
import type { Readable } from "node:stream";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import { getDb } from "@/db";
import {
  deleteGenerationsForUser,
  type HistoryCursor,
  type HistoryFilters,
  listResultsForUser,
} from "@/db/queries/generations";
import { getMediaStorage, removeStoredFiles } from "@/lib/media";
import { IMAGE_TYPES } from "@/lib/media/image-processing";
import { downloadName } from "./download-name";
import { encodeHistoryCursor } from "./history-cursor";
import { listGenerationViews } from "./service";
import type { GenerationView } from "./view";

export const GALLERY_PAGE_SIZE = 24;

export async function getGalleryPage(
  userId: string,
  { filters, before }: { filters: HistoryFilters; before?: HistoryCursor },
): Promise<{ items: GenerationView[]; nextCursor: string | null }> {
  const page = await listGenerationViews(userId, { limit: GALLERY_PAGE_SIZE, before, filters });
  return { items: page.items, nextCursor: page.hasMore && page.last ? encodeHistoryCursor(page.last) : null };
}

/** Deletes rows first (one transaction), then their files; a file that will not go is only logged. */
export async function deleteGenerations(userId: string, ids: readonly string[]): Promise<string[]> {
  const { deleted, storageKeys } = await deleteGenerationsForUser(await getDb(), { userId, ids });
  await removeStoredFiles(storageKeys);
  return deleted;
}

const extensionOf = (contentType: string) =>
  Object.values(IMAGE_TYPES).find((type) => type.contentType === contentType)?.extension ?? "bin";

/**
 * A zip of the user's finished images among `ids` plus `prompts.json` with their settings,
 * streamed file by file: memory stays flat however many 4K images are in it.
 */
export async function zipOfResults(
  userId: string,
  ids: readonly string[],
): Promise<ReadableStream<Uint8Array> | null> {
  const results = await listResultsForUser(await getDb(), { userId, ids });
  if (results.length === 0) return null;
  const storage = getMediaStorage();
  const output = new TransformStream<Uint8Array, Uint8Array>();
  const writer = output.writable.getWriter();
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      void writer.abort(error);
      return;
    }
    void writer.write(chunk);
    if (final) void writer.close();
  });
  void (async () => {
    try {
      const manifest = [];
      for (const result of results) {
        const name = downloadName(result.prompt, result.id, extensionOf(result.media.contentType));
        const stored = await storage.get(result.media.storageKey);
        if (!stored) continue;
        // Images are compressed already: stored as they are, not deflated again.
        const entry = new ZipPassThrough(name);
        zip.add(entry);
        for await (const chunk of stored.body as Readable) {
          entry.push(chunk as Uint8Array);
          // Reading waits while the browser is slower than the disk.
          await writer.ready;
        }
        entry.push(new Uint8Array(0), true);
        manifest.push({
          file: name,
          id: result.id,
          prompt: result.prompt,
          mode: result.mode,
          aspectRatio: result.aspectRatio,
          quality: result.quality,
          width: result.media.width,
          height: result.media.height,
          createdAt: result.createdAt.toISOString(),
          completedAt: result.completedAt?.toISOString() ?? null,
        });
      }
      const json = new ZipDeflate("prompts.json", { level: 6 });
      zip.add(json);
      json.push(new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`), true);
      zip.end();
    } catch (error) {
      zip.terminate();
      await writer.abort(error);
    }
  })();
  return output.readable;
}
