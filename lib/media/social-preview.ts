import { buffer } from "node:stream/consumers";
import sharp from "sharp";
import type { MediaStorage, StoredObject } from "./storage";
import { previewKeyOf } from "./stored-files";

// What chat apps and social sites fetch for a link preview: a JPEG at most 1200 px on its long
// side (their recommended size; several refuse or crop multi-megabyte 4K originals).
export const PREVIEW_EDGE = 1200;

export function previewSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, PREVIEW_EDGE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Exactly `previewSize` of the original, so the page's og:image:width/height are true. */
export async function renderSocialPreview(original: Buffer, width: number, height: number): Promise<Buffer> {
  const size = previewSize(width, height);
  return sharp(original)
    .rotate()
    .resize(size.width, size.height, { fit: "fill" })
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer();
}

export interface PreviewSource {
  storageKey: string;
  width: number;
  height: number;
}

// Renders in flight, per preview key: a burst of anonymous requests for a new share costs one render.
const rendering = new Map<string, Promise<void>>();

async function renderAndStore(
  storage: MediaStorage,
  source: PreviewSource,
  render: typeof renderSocialPreview,
): Promise<void> {
  const original = await storage.get(source.storageKey);
  if (!original) return;
  const key = previewKeyOf(source.storageKey);
  await storage.put(
    key,
    await render(await buffer(original.body), source.width, source.height),
    "image/jpeg",
  );
  // The image may have been deleted while this rendered: then its files were removed before this
  // one existed, so remove it here rather than leave an orphan.
  if (!(await storage.exists(source.storageKey))) await storage.delete(key);
}

/**
 * The link-preview JPEG of an image, rendered from the original the first time anyone asks and
 * stored beside it (removed with the media's other files); every later request reads the file.
 */
export async function loadSocialPreview(
  storage: MediaStorage,
  source: PreviewSource,
  render: typeof renderSocialPreview = renderSocialPreview,
): Promise<StoredObject | null> {
  const key = previewKeyOf(source.storageKey);
  const stored = await storage.get(key);
  if (stored) return stored;
  let pending = rendering.get(key);
  if (!pending) {
    pending = renderAndStore(storage, source, render).finally(() => rendering.delete(key));
    rendering.set(key, pending);
  }
  await pending;
  return storage.get(key);
}
