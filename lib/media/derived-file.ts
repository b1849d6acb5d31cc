import { buffer } from "node:stream/consumers";
import { logEvent } from "@/lib/logging/log";
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
// A render holds a whole original and its decode: a burst over many old images (a public share
// page's visitors, say) takes turns rather than all at once.
const MAX_RENDERS_AT_ONCE = 2;
let running = 0;
const waiting: (() => void)[] = [];
// A file that would not render is not tried again on every request for a while.
const FAILURE_MEMORY_MS = 10 * 60_000;
const failedAt = new Map<string, number>();

async function takingTurns<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_RENDERS_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

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
  const failed = failedAt.get(file.key);
  if (failed !== undefined && Date.now() - failed < FAILURE_MEMORY_MS) return null;
  let pending = rendering.get(file.key);
  if (!pending) {
    pending = takingTurns(() => renderAndStore(storage, file))
      .catch((error: unknown) => {
        failedAt.set(file.key, Date.now());
        logEvent("media", "derived file render failed", {}, error);
      })
      .finally(() => rendering.delete(file.key));
    rendering.set(file.key, pending);
  }
  await pending;
  return storage.get(file.key);
}
