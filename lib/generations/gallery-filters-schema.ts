import { z } from "zod";
import { stripNul } from "@/lib/validation/nul";
import { type GalleryFilters, STATUS_FILTERS } from "./gallery-filters";

// The gallery's filters as read from a URL or a query string: anything unreadable is dropped, not
// an error, so a hand-edited link still opens the gallery.
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
  board: z.uuid().optional().catch(undefined),
}) satisfies z.ZodType<GalleryFilters, unknown>;
