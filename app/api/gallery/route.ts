import { z } from "zod";
import { getRequestUser } from "@/lib/auth/request-user";
import { AppError } from "@/lib/errors";
import { getGalleryPage } from "@/lib/generations/gallery";
import { galleryFiltersSchema } from "@/lib/generations/gallery-filters";
import { decodeHistoryCursor } from "@/lib/generations/history-cursor";
import { jsonError } from "@/lib/http/route";

const querySchema = galleryFiltersSchema.extend({ cursor: z.string().max(200).optional() });

/** One page of the signed-in user's gallery, newest first, after `cursor`. */
export async function GET(request: Request) {
  const started = performance.now();
  try {
    const userId = (await getRequestUser(request))?.id;
    if (!userId) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
    const { cursor, ...filters } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const page = await getGalleryPage(userId, { filters, before: decodeHistoryCursor(cursor) });
    return Response.json(page, {
      headers: {
        "cache-control": "no-store",
        // The handler's own time, read by the gallery benchmark (and by browser dev tools).
        "server-timing": `app;dur=${(performance.now() - started).toFixed(1)}`,
      },
    });
  } catch (error) {
    return jsonError(error, "gallery page");
  }
}
