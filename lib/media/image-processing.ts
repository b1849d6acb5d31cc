import sharp, { type Metadata } from "sharp";
import { THUMBNAIL_EDGE } from "./display-size";

export const IMAGE_TYPES = {
  jpeg: { contentType: "image/jpeg", extension: "jpg" },
  png: { contentType: "image/png", extension: "png" },
  webp: { contentType: "image/webp", extension: "webp" },
} as const;

export type ImageFormat = keyof typeof IMAGE_TYPES;

export class UnsupportedImageError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "UnsupportedImageError";
  }
}

// Larger than any Seedream 4.5 output (6240×2656 ≈ 16.6 MP) with room to spare; refuses bombs.
const MAX_INPUT_PIXELS = 40_000_000;
const PLACEHOLDER_EDGE = 16;

export interface ProcessedImage {
  format: ImageFormat;
  contentType: string;
  extension: string;
  width: number;
  height: number;
  thumbnail: Buffer;
  /** A tiny blurred WebP as a data URL, shown while the thumbnail loads. */
  placeholder: string;
}

/** Reads the real type from the bytes (not from a header or a name) and makes the derivatives. */
export async function processImage(bytes: Buffer): Promise<ProcessedImage> {
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch {
    throw new UnsupportedImageError("not a readable image");
  }
  const format = metadata.format;
  if (format !== "jpeg" && format !== "png" && format !== "webp") {
    throw new UnsupportedImageError(`unsupported image type ${format ?? "unknown"}`);
  }
  if (!metadata.width || !metadata.height) throw new UnsupportedImageError("image without dimensions");
  const upright = (metadata.orientation ?? 1) >= 5;
  let thumbnail: Buffer;
  try {
    thumbnail = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer();
  } catch {
    throw new UnsupportedImageError("image data is corrupt or truncated");
  }
  const placeholder = await sharp(thumbnail)
    .resize(PLACEHOLDER_EDGE, PLACEHOLDER_EDGE, { fit: "inside" })
    .webp({ quality: 40 })
    .toBuffer();
  return {
    format,
    ...IMAGE_TYPES[format],
    width: upright ? metadata.height : metadata.width,
    height: upright ? metadata.width : metadata.height,
    thumbnail,
    placeholder: `data:image/webp;base64,${placeholder.toString("base64")}`,
  };
}
