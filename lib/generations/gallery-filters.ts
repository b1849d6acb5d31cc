// The gallery's search and filters, as they appear in its URL and its API's query string. No zod
// here: the gallery imports this in the browser; the schema lives in gallery-filters-schema.ts.
export const STATUS_FILTERS = ["done", "running", "failed"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface GalleryFilters {
  q?: string | undefined;
  mode?: "generate" | "edit" | undefined;
  status?: StatusFilter | undefined;
  starred: boolean;
}

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
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}
