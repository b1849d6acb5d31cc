import { z } from "zod";
import { getDb } from "@/db";
import { getMediaForUser } from "@/db/queries/generations";
import { notFound, route } from "@/lib/http/route";
import { getMediaStorage } from "@/lib/media";
import { mediaResponse } from "@/lib/media/serve";

const paramsSchema = z.object({ id: z.uuid(), variant: z.enum(["original", "thumbnail"]) });

// Owner only. Anyone else, signed in or not, gets the same 404 as for an id that never existed.
export const GET = route(
  { name: "media", auth: "user", denyAs: "not_found", params: paramsSchema },
  async ({ user, params }) => {
    const item = await getMediaForUser(await getDb(), { id: params.id, userId: user.id });
    if (!item) throw notFound();
    const original = params.variant === "original";
    const stored = await getMediaStorage().get(original ? item.storageKey : item.thumbnailKey);
    if (!stored) throw notFound();
    return mediaResponse(stored, {
      contentType: original ? item.contentType : "image/webp",
      // Immutable: a media id's bytes never change. Private: shared caches must not keep it.
      cacheControl: "private, max-age=31536000, immutable",
      etag: `"${item.id}-${params.variant}"`,
    });
  },
);
