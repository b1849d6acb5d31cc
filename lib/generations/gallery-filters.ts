// The gallery's search and filters, as they appear in its URL and its API's query string. No zod
// here: the gallery imports this in the browser; the schema lives in gallery-filters-schema.ts and
// query strings are built by gallery-query.ts.
export const STATUS_FILTERS = ["done", "running", "failed"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface GalleryFilters {
  q?: string | undefined;
  mode?: "generate" | "edit" | undefined;
  status?: StatusFilter | undefined;
  starred: boolean;
  /** A board's id; someone else's matches nothing (the query checks the owner). */
  board?: string | undefined;
}
