import { referenceProblem } from "./reference-limits";

export type ReferenceFileCheck = { ok: true; width: number; height: number } | { ok: false; message: string };

/**
 * Reads an image's size the way the browser shows it: an <img> learns its natural size from the
 * header without decoding every pixel, so a decompression bomb costs nothing here either.
 */
function readImageSize(file: Blob): Promise<{ width: number; height: number } | null> {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file);
    const image = new Image();
    image.onload = () => {
      URL.revokeObjectURL(url);
      resolve({ width: image.naturalWidth, height: image.naturalHeight });
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      resolve(null);
    };
    image.src = url;
  });
}

/** The browser's at-once check of a dropped, pasted or picked file; the server checks again. */
export async function checkReferenceFile(file: File): Promise<ReferenceFileCheck> {
  const facts = { name: file.name || "The pasted image", type: file.type, bytes: file.size };
  const early = referenceProblem(facts);
  if (early) return { ok: false, message: early };
  const size = await readImageSize(file);
  if (!size || size.width === 0 || size.height === 0) {
    return { ok: false, message: `${facts.name} could not be read as an image.` };
  }
  const problem = referenceProblem({ ...facts, ...size });
  return problem ? { ok: false, message: problem } : { ok: true, ...size };
}
