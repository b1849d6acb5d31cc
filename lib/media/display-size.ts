// Sizes of the files kept beside an original, shared by the server (which makes them) and the pages
// (which describe them in `srcset`). No image library here: this module reaches the browser.
export const THUMBNAIL_EDGE = 640;
/** Big enough for a full-width image on most screens, a fraction of a 4K original's bytes. */
export const DISPLAY_EDGE = 2048;

/** The size of an image scaled to fit `edge` on its long side, never enlarged. */
export function fitWithin(width: number, height: number, edge: number): { width: number; height: number } {
  const scale = Math.min(1, edge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * `srcset` of a stored image: its thumbnail and its display copy, never the original (which stays
 * for opening and downloading at full size).
 */
export function displaySrcSet(image: {
  thumbnailSrc: string;
  displaySrc: string;
  width: number;
  height: number;
}): string {
  const thumbnail = fitWithin(image.width, image.height, THUMBNAIL_EDGE).width;
  const display = fitWithin(image.width, image.height, DISPLAY_EDGE).width;
  return display > thumbnail
    ? `${image.thumbnailSrc} ${thumbnail}w, ${image.displaySrc} ${display}w`
    : `${image.displaySrc} ${display}w`;
}
