import { z } from "zod";
import { notFound, route } from "@/lib/http/route";
import { mediaResponse } from "@/lib/media/serve";
import { loadSharedOriginal } from "@/lib/shares/shared-original";
import { shareTokenSchema } from "@/lib/shares/token";

// The shared image, served through its share: it answers while the share exists and 404s the
// moment it is revoked. Caches must ask again every time for the same reason.
export const GET = route(
  { name: "shared image", auth: "public", params: z.object({ token: shareTokenSchema }) },
  async ({ params: { token } }) => {
    const found = await loadSharedOriginal(token);
    if (!found) throw notFound();
    return mediaResponse(found.stored, {
      contentType: found.shared.media.contentType,
      cacheControl: "public, no-cache",
      etag: `"${token.slice(0, 16)}"`,
    });
  },
);
