import type { GalleryFilters } from "./gallery-filters";

/** The query string for these filters (empty values left out), for links and fetches alike. */
export function galleryQueryString(
  filters: Partial<GalleryFilters>,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.mode) params.set("mode", filters.mode);
  if (filters.status) params.set("status", filters.status);
  if (filters.starred) params.set("starred", "1");
  if (filters.board) params.set("board", filters.board);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}
