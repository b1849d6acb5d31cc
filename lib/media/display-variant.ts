import sharp from "sharp";
import { loadDerivedFile } from "./derived-file";
import { DISPLAY_EDGE, MEDIUM_EDGE } from "./display-size";
import type { MediaStorage, StoredObject } from "./storage";
import { displayKeyOf, mediumKeyOf } from "./stored-files";

// Renders of 4K originals are larger than any page needs; pages show these WebPs instead.
const MAX_INPUT_PIXELS = 40_000_000;

/** The sized copies pages pick from by `srcset`: the edge each is scaled to fit, and where it is kept. */
export const SIZED_VARIANTS = {
  medium: { edge: MEDIUM_EDGE, keyOf: mediumKeyOf },
  display: { edge: DISPLAY_EDGE, keyOf: displayKeyOf },
} as const;
export type SizedVariant = keyof typeof SIZED_VARIANTS;

export async function renderSizedVariant(original: Buffer, variant: SizedVariant): Promise<Buffer> {
  const { edge } = SIZED_VARIANTS[variant];
  return sharp(original, { limitInputPixels: MAX_INPUT_PIXELS })
    .rotate()
    .resize(edge, edge, { fit: "inside", withoutEnlargement: true })
    .webp({ quality: 82 })
    .toBuffer();
}

/**
 * A sized WebP copy of a stored original. Made at ingest; an image stored before that copy
 * existed gets it on first request (then kept, and removed with the media's other files).
 */
export function loadSizedVariant(
  storage: MediaStorage,
  storageKey: string,
  variant: SizedVariant,
): Promise<StoredObject | null> {
  return loadDerivedFile(storage, {
    sourceKey: storageKey,
    key: SIZED_VARIANTS[variant].keyOf(storageKey),
    contentType: "image/webp",
    render: (original) => renderSizedVariant(original, variant),
  });
}
