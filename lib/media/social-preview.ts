import sharp from "sharp";

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
