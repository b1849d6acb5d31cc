import { z } from "zod";
import { getDb } from "@/db";
import { getMediaForUser } from "@/db/queries/generations";
import { getRequestUser } from "@/lib/auth/request-user";
import { getMediaStorage } from "@/lib/media";
import { mediaResponse } from "@/lib/media/serve";

const paramsSchema = z.object({ id: z.uuid(), variant: z.enum(["original", "thumbnail"]) });

// Owner only. Anyone else, signed in or not, gets the same 404 as for an id that never existed.
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string; variant: string }> },
) {
  const parsed = paramsSchema.safeParse(await params);
  const userId = (await getRequestUser(request))?.id;
  if (!parsed.success || !userId) return new Response("Not found", { status: 404 });
  const item = await getMediaForUser(await getDb(), { id: parsed.data.id, userId });
  if (!item) return new Response("Not found", { status: 404 });
  const original = parsed.data.variant === "original";
  const stored = await getMediaStorage().get(original ? item.storageKey : item.thumbnailKey);
  if (!stored) return new Response("Not found", { status: 404 });
  return mediaResponse(stored, {
    contentType: original ? item.contentType : "image/webp",
    // Immutable: a media id's bytes never change. Private: shared caches must not keep it.
    cacheControl: "private, max-age=31536000, immutable",
    etag: `"${item.id}-${parsed.data.variant}"`,
  });
}
