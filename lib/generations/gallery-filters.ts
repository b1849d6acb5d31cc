import { z } from "zod";
import { stripNul } from "@/lib/validation/nul";

// The gallery's search and filters, as they appear in its URL and its API's query string. Parsed
// on the server only: the browser builds query strings with ./gallery-query (no zod in its bundle).
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
  /** A board's id; someone else's matches nothing (the query checks the owner). */
  board: z.uuid().optional().catch(undefined),
});

export type GalleryFilters = z.output<typeof galleryFiltersSchema>;
