// Sizes of the files kept beside an original, shared by the server (which makes them) and the pages
// (which describe them in `srcset`). No image library here: this module reaches the browser.
export const THUMBNAIL_EDGE = 640;
/**
 * A phone's full width at its pixel density (390–430 px × 2–3) and a desktop's image column at 1×:
 * about a third of the display copy's bytes, which a phone on a slow network waits for.
 */
export const MEDIUM_EDGE = 1280;
/** Big enough for a full-width image on most screens, a fraction of a 4K original's bytes. */
export const DISPLAY_EDGE = 2048;

/** The size of an image scaled to fit `edge` on its long side, never enlarged. */
export function fitWithin(width: number, height: number, edge: number): { width: number; height: number } {
  const scale = Math.min(1, edge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * `srcset` of a stored image: its thumbnail, medium and display copies, never the original (which
 * stays for opening and downloading at full size). A small original's copies can be the same size:
 * each width is named once, by the smallest file.
 */
export function displaySrcSet(image: {
  thumbnailSrc: string;
  mediumSrc: string;
  displaySrc: string;
  width: number;
  height: number;
}): string {
  const candidates: [string, number][] = [
    [image.thumbnailSrc, THUMBNAIL_EDGE],
    [image.mediumSrc, MEDIUM_EDGE],
    [image.displaySrc, DISPLAY_EDGE],
  ];
  const named = new Map<number, string>();
  for (const [src, edge] of candidates) {
    const width = fitWithin(image.width, image.height, edge).width;
    if (!named.has(width)) named.set(width, src);
  }
  return [...named].map(([width, src]) => `${src} ${width}w`).join(", ");
}
