// Which files belong to a media row. Kept pure (no storage, no database) so that the queries that
// delete rows can name every file their caller must remove, derived files included.

/** The link-preview JPEG of a shared image, made once on first request and kept beside the original. */
export function previewKeyOf(storageKey: string): string {
  return `${storageKey.replace(/\.[a-z0-9]+$/i, "")}-preview.jpg`;
}

/** The ≤ 2048 px WebP that pages show in place of the original (made at ingest, or on first view). */
export function displayKeyOf(storageKey: string): string {
  return `${storageKey.replace(/\.[a-z0-9]+$/i, "")}-display.webp`;
}

/** The ≤ 1280 px WebP that phones are given by `srcset` (made at ingest, or on first view). */
export function mediumKeyOf(storageKey: string): string {
  return `${storageKey.replace(/\.[a-z0-9]+$/i, "")}-medium.webp`;
}

/** Every file a media row owns: original, thumbnail, sized copies and (if ever shared) link preview. */
export function storedFilesOf(row: { storageKey: string; thumbnailKey: string }): string[] {
  return [
    row.storageKey,
    row.thumbnailKey,
    mediumKeyOf(row.storageKey),
    displayKeyOf(row.storageKey),
    previewKeyOf(row.storageKey),
  ];
}
