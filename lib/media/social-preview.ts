import sharp from "sharp";
import { loadDerivedFile } from "./derived-file";
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

/**
 * The link-preview JPEG of an image, rendered from the original the first time anyone asks and
 * stored beside it (removed with the media's other files); every later request reads the file.
 */
export function loadSocialPreview(
  storage: MediaStorage,
  source: PreviewSource,
  render: typeof renderSocialPreview = renderSocialPreview,
): Promise<StoredObject | null> {
  return loadDerivedFile(storage, {
    sourceKey: source.storageKey,
    key: previewKeyOf(source.storageKey),
    contentType: "image/jpeg",
    render: (original) => render(original, source.width, source.height),
  });
}
