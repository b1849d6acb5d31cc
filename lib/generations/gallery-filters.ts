import { z } from "zod";
import { stripNul } from "@/lib/validation/nul";

// The gallery's search and filters, as they appear in its URL and its API's query string.
export const STATUS_FILTERS = ["done", "running", "failed"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export const galleryFiltersSchema = z.object({
  // A NUL could never match a stored prompt (and cannot reach a query): dropped, not an error.
  q: z.string().transform(stripNul).pipe(z.string().trim().max(200)).optional().catch(undefined),
  mode: z.enum(["generate", "edit"]).optional().catch(undefined),
  status: z.enum(STATUS_FILTERS).optional().catch(undefined),
  starred: z
    .enum(["1"])
    .optional()
    .catch(undefined)
    .transform((value) => value === "1"),
});

export type GalleryFilters = z.output<typeof galleryFiltersSchema>;

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
