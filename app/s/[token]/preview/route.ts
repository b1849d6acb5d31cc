import { buffer } from "node:stream/consumers";
import { z } from "zod";
import { notFound, route } from "@/lib/http/route";
import { renderSocialPreview } from "@/lib/media/social-preview";
import { loadSharedOriginal } from "@/lib/shares/shared-original";
import { shareTokenSchema } from "@/lib/shares/token";

// The link-preview image of a share (og:image), made from the stored original on request: crawlers
// ask rarely, and like the image itself it answers only while the share exists.
export const GET = route(
  {
    name: "share preview",
    auth: "public",
    params: z.object({ token: shareTokenSchema }),
    cacheControl: "public, no-cache",
  },
  async ({ params: { token } }) => {
    const found = await loadSharedOriginal(token);
    if (!found) throw notFound();
    const { media } = found.shared;
    const preview = await renderSocialPreview(await buffer(found.stored.body), media.width, media.height);
    return new Response(new Uint8Array(preview), {
      headers: {
        "content-type": "image/jpeg",
        "content-length": String(preview.length),
        "x-content-type-options": "nosniff",
      },
    });
  },
);
