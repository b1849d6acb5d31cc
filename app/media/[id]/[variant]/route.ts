import { z } from "zod";
import { getDb } from "@/db";
import { getMediaForUser } from "@/db/queries/generations";
import { notFound, route } from "@/lib/http/route";
import { getMediaStorage } from "@/lib/media";
import { loadSizedVariant } from "@/lib/media/display-variant";
import {
  isNotModified,
  mediaResponse,
  notModifiedResponse,
  PRIVATE_REVALIDATED,
  serveStored,
} from "@/lib/media/serve";

const paramsSchema = z.object({
  id: z.uuid(),
  variant: z.enum(["original", "display", "medium", "thumbnail"]),
});

// Owner only. Anyone else, signed in or not, gets the same 404 as for an id that never existed,
// and so does a browser revalidating its cached copy once the session or the image is gone.
export const GET = route(
  { name: "media", auth: "user", denyAs: "not_found", params: paramsSchema },
  async ({ request, user, params }) => {
    const item = await getMediaForUser(await getDb(), { id: params.id, userId: user.id });
    if (!item) throw notFound();
    // A media id's bytes never change, so the id names the version.
    const caching = { etag: `"${item.id}-${params.variant}"`, cacheControl: PRIVATE_REVALIDATED };
    if (isNotModified(request, caching.etag)) return notModifiedResponse(caching);
    const storage = getMediaStorage();
    const contentType = params.variant === "original" ? item.contentType : "image/webp";
    if (params.variant === "display" || params.variant === "medium") {
      // Small, and made on first request for older images: served whole, no ranges.
      const stored = await loadSizedVariant(storage, item.storageKey, params.variant);
      if (!stored) throw notFound();
      return mediaResponse(stored, { ...caching, contentType });
    }
    const key = params.variant === "original" ? item.storageKey : item.thumbnailKey;
    const response = await serveStored(request, (range) => storage.get(key, { range }), {
      ...caching,
      contentType,
    });
    if (!response) throw notFound();
    return response;
  },
);
