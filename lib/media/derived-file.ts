import { buffer } from "node:stream/consumers";
import type { MediaStorage, StoredObject } from "./storage";

export interface DerivedFile {
  /** The original it is made from. */
  sourceKey: string;
  /** Where it is kept, beside the original (see stored-files.ts). */
  key: string;
  contentType: string;
  render(original: Buffer): Promise<Buffer>;
}

// Renders in flight, per key: a burst of requests for a file not made yet costs one render.
const rendering = new Map<string, Promise<void>>();

async function renderAndStore(storage: MediaStorage, file: DerivedFile): Promise<void> {
  const original = await storage.get(file.sourceKey);
  if (!original) return;
  await storage.put(file.key, await file.render(await buffer(original.body)), file.contentType);
  // The image may have been deleted while this rendered: then its files were removed before this
  // one existed, so remove it here rather than leave an orphan.
  if (!(await storage.exists(file.sourceKey))) await storage.delete(file.key);
}

/**
 * A file made from an original (a link preview, a display-sized copy): read when it exists, else
 * rendered from the original the first time anyone asks and stored beside it, so images stored
 * before the file existed get one on first view.
 */
export async function loadDerivedFile(
  storage: MediaStorage,
  file: DerivedFile,
): Promise<StoredObject | null> {
  const stored = await storage.get(file.key);
  if (stored) return stored;
  let pending = rendering.get(file.key);
  if (!pending) {
    pending = renderAndStore(storage, file).finally(() => rendering.delete(file.key));
    rendering.set(file.key, pending);
  }
  await pending;
  return storage.get(file.key);
}
