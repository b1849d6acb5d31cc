import sharp, { type Sharp } from "sharp";
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

const decode = (original: Buffer) => sharp(original, { limitInputPixels: MAX_INPUT_PIXELS }).rotate();
const scaledToFit = (image: Sharp, edge: number) =>
  image.resize(edge, edge, { fit: "inside", withoutEnlargement: true });
// Effort 2 of 6: a 2048 px copy encodes 2–2.5× faster than at the default 4, within a few percent
// of its size (docs/benchmarks.md, Ingest): it is on the way from "made" to "shown".
const toWebp = (image: Sharp, edge: number) =>
  scaledToFit(image, edge).webp({ quality: 82, effort: 2 }).toBuffer();

export function renderSizedVariant(original: Buffer, variant: SizedVariant): Promise<Buffer> {
  return toWebp(decode(original), SIZED_VARIANTS[variant].edge);
}

/**
 * Every sized copy of a new image. Decoding a 4K original is most of the work, so it is decoded
 * once, scaled to the largest copy's size, and each copy is made from those pixels.
 */
export async function renderSizedVariants(original: Buffer): Promise<Record<SizedVariant, Buffer>> {
  // 8-bit sRGB pixels, whatever the original's depth and colour space, as the WebP copies would be.
  const { data, info } = await scaledToFit(decode(original), DISPLAY_EDGE)
    .toColourspace("srgb")
    .raw({ depth: "uchar" })
    .toBuffer({ resolveWithObject: true });
  const pixels = () =>
    sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  const [medium, display] = await Promise.all([
    toWebp(pixels(), MEDIUM_EDGE),
    toWebp(pixels(), DISPLAY_EDGE),
  ]);
  return { medium, display };
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
