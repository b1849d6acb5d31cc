import sharp, { type Metadata } from "sharp";
import { IMAGE_TYPES, type ImageFormat } from "./image-processing";
import { MAX_REFERENCE_PIXELS, type ReferenceType, referenceProblem } from "./reference-limits";
import { sniffImageType } from "./sniff-image-type";

export class ReferenceRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReferenceRejectedError";
  }
}

const FORMAT_OF: Record<ReferenceType, ImageFormat> = {
  "image/jpeg": "jpeg",
  "image/png": "png",
  "image/webp": "webp",
};

export type PreparedReference = (typeof IMAGE_TYPES)[ImageFormat] & {
  body: Buffer;
  width: number;
  height: number;
};

/**
 * The server's authoritative check of an uploaded reference: type from the bytes, limits from the
 * header (a decompression bomb is refused before it is decoded), then one full decode that applies
 * the EXIF orientation and writes the image again without any metadata (no GPS, no camera data).
 * A truncated file fails that decode.
 */
export async function prepareReference(name: string, bytes: Buffer): Promise<PreparedReference> {
  const type = sniffImageType(bytes);
  const typeProblem = referenceProblem({ name, type: type ?? "unknown", bytes: bytes.length });
  if (typeProblem || !type) throw new ReferenceRejectedError(typeProblem ?? `${name} is not an image.`);
  let metadata: Metadata;
  try {
    // Only the header is read here, so no pixel limit is needed yet; ours is checked next.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new ReferenceRejectedError(`${name} could not be read as an image.`);
  }
  const upright = (metadata.orientation ?? 1) >= 5;
  const width = (upright ? metadata.height : metadata.width) ?? 0;
  const height = (upright ? metadata.width : metadata.height) ?? 0;
  const sizeProblem = referenceProblem({ name, type, bytes: bytes.length, width, height });
  if (sizeProblem) throw new ReferenceRejectedError(sizeProblem);
  const image = sharp(bytes, { limitInputPixels: MAX_REFERENCE_PIXELS, failOn: "truncated" }).rotate();
  const format = FORMAT_OF[type];
  try {
    const encoded = format === "png" ? image.png() : image.toFormat(format, { quality: 92 });
    return { body: await encoded.toBuffer(), ...IMAGE_TYPES[format], width, height };
  } catch {
    throw new ReferenceRejectedError(`${name} is damaged or incomplete.`);
  }
}
