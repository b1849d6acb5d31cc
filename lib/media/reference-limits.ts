// Limits on reference images for edits (upstream contract §3). Pure, so the browser checks a
// dropped file at once with the same rules the server enforces.

export const REFERENCE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type ReferenceType = (typeof REFERENCE_TYPES)[number];

export const MAX_REFERENCES = 14;
// Some upstream prose says 10: more is allowed, with a notice.
export const REFERENCE_NOTICE_ABOVE = 10;
export const MAX_REFERENCE_BYTES = 10 * 1024 * 1024;
export const MIN_REFERENCE_SIDE_EXCLUSIVE = 14;
export const MAX_REFERENCE_ASPECT = 16;
export const MAX_REFERENCE_PIXELS = 36_000_000;

export interface ReferenceFacts {
  name: string;
  type: string;
  bytes: number;
  width?: number;
  height?: number;
}

/** The first rule a file breaks, as a sentence for a person; null when it may be used. */
export function referenceProblem(file: ReferenceFacts): string | null {
  if (!(REFERENCE_TYPES as readonly string[]).includes(file.type)) {
    return `${file.name} is not a JPEG, PNG or WebP image.`;
  }
  if (file.bytes === 0) return `${file.name} is empty.`;
  if (file.bytes > MAX_REFERENCE_BYTES) return `${file.name} is larger than 10 MB.`;
  if (file.width === undefined || file.height === undefined) return null;
  if (file.width <= MIN_REFERENCE_SIDE_EXCLUSIVE || file.height <= MIN_REFERENCE_SIDE_EXCLUSIVE) {
    return `${file.name} is too small: each side must be more than ${MIN_REFERENCE_SIDE_EXCLUSIVE} pixels.`;
  }
  const ratio = file.width / file.height;
  if (ratio > MAX_REFERENCE_ASPECT || ratio < 1 / MAX_REFERENCE_ASPECT) {
    return `${file.name} is too long and thin: the aspect ratio must be between 1:16 and 16:1.`;
  }
  if (file.width * file.height > MAX_REFERENCE_PIXELS) {
    return `${file.name} has more than 36 megapixels.`;
  }
  return null;
}

export function referenceCountProblem(count: number): string | null {
  return count > MAX_REFERENCES
    ? `At most ${MAX_REFERENCES} reference images can be used in one edit.`
    : null;
}
