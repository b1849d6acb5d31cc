import { createHash } from "node:crypto";
import sharp from "sharp";

const escapeXml = (value: string) => value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A smooth colour field seeded by the prompt's hash: different prompts, different images. */
function promptField(prompt: string, width: number, height: number): Promise<Buffer> {
  const seed = Buffer.concat([
    createHash("sha256").update(prompt).digest(),
    createHash("sha256").update(`${prompt}#2`).digest(),
  ]);
  return sharp(seed.subarray(0, 48), { raw: { width: 4, height: 4, channels: 3 } })
    .resize(width, height, { kernel: "cubic" })
    .raw()
    .toBuffer();
}

function label(prompt: string, width: number, height: number): Buffer {
  const fontSize = Math.round(Math.min(width, height) / 14);
  const caption = escapeXml(
    prompt
      .replace(/\[sim:[^\]]*\]/g, "")
      .trim()
      .slice(0, 60),
  );
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <rect x="0" y="${height - fontSize * 3.2}" width="${width}" height="${fontSize * 3.2}" fill="rgba(0,0,0,0.45)"/>
      <text x="${fontSize}" y="${height - fontSize * 1.9}" font-family="sans-serif" font-size="${fontSize}" fill="#fff" font-weight="bold">SIMULATED</text>
      <text x="${fontSize}" y="${height - fontSize * 0.7}" font-family="sans-serif" font-size="${fontSize * 0.6}" fill="#fff">${caption}</text>
    </svg>`,
  );
}

/**
 * A real image at the requested size, labelled as simulated so nobody mistakes it for a Seedream
 * result. For an edit it is the first reference, cropped to the output size, so a test can tell
 * which image was used; otherwise a field that differs by prompt.
 */
export async function renderSimulatedImage({
  prompt,
  width,
  height,
  format,
  reference,
}: {
  prompt: string;
  width: number;
  height: number;
  format: "jpeg" | "png";
  reference?: Buffer;
}): Promise<Buffer> {
  const base = reference
    ? await sharp(reference).rotate().resize(width, height, { fit: "cover" }).removeAlpha().raw().toBuffer()
    : await promptField(prompt, width, height);
  const image = sharp(base, { raw: { width, height, channels: 3 } }).composite([
    { input: label(prompt, width, height) },
  ]);
  return format === "png"
    ? image.png({ compressionLevel: 3 }).toBuffer()
    : image.jpeg({ quality: 85 }).toBuffer();
}
