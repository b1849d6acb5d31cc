import sharp from "sharp";
import { loadDerivedFile } from "./derived-file";
import { DISPLAY_EDGE } from "./display-size";
import type { MediaStorage, StoredObject } from "./storage";
import { displayKeyOf } from "./stored-files";

// Renders of 4K originals are larger than any display needs; pages show this WebP instead.
const MAX_INPUT_PIXELS = 40_000_000;

export async function renderDisplayVariant(original: Buffer): Promise<Buffer> {
  return sharp(original, { limitInputPixels: MAX_INPUT_PIXELS })
    .rotate()
    .resize(DISPLAY_EDGE, DISPLAY_EDGE, { fit: "inside", withoutEnlargement: true })
    .webp({ quality: 82 })
    .toBuffer();
}

/**
 * The display-sized WebP of a stored original. Made at ingest; an image stored before that
 * existed gets it on first request (then kept, and removed with the media's other files).
 */
export function loadDisplayVariant(storage: MediaStorage, storageKey: string): Promise<StoredObject | null> {
  return loadDerivedFile(storage, {
    sourceKey: storageKey,
    key: displayKeyOf(storageKey),
    contentType: "image/webp",
    render: renderDisplayVariant,
  });
}
