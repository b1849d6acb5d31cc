import { getGalleryPage } from "@/lib/generations/gallery";
import { galleryFiltersSchema } from "@/lib/generations/gallery-filters-schema";
import { historyCursorParam } from "@/lib/generations/history-cursor";
import { route } from "@/lib/http/route";

const querySchema = galleryFiltersSchema.extend({ cursor: historyCursorParam.optional() });

/** One page of the signed-in user's gallery, newest first, after `cursor`. */
export const GET = route(
  { name: "gallery page", auth: "user", query: querySchema },
  async ({ user, query: { cursor, ...filters } }) => {
    const started = performance.now();
    const page = await getGalleryPage(user.id, { filters, before: cursor });
    return Response.json(page, {
      // The handler's own time, read by the gallery benchmark (and by browser dev tools).
      headers: { "server-timing": `app;dur=${(performance.now() - started).toFixed(1)}` },
    });
  },
);
