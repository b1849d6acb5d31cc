import { z } from "zod";
import { notFound, route } from "@/lib/http/route";
import { getMediaStorage } from "@/lib/media";
import { isNotModified, mediaResponse, notModifiedResponse, PUBLIC_REVALIDATED } from "@/lib/media/serve";
import { loadSocialPreview } from "@/lib/media/social-preview";
import { loadShare } from "@/lib/shares/load-share";
import { shareTokenSchema } from "@/lib/shares/token";

// The link-preview image of a share (og:image): rendered once per image and stored beside it, and
// like the image itself it answers only while the share exists.
export const GET = route(
  { name: "share preview", auth: "public", params: z.object({ token: shareTokenSchema }) },
  async ({ request, params: { token } }) => {
    const shared = await loadShare(token);
    if (!shared) throw notFound();
    const caching = { etag: `"${token.slice(0, 16)}-preview"`, cacheControl: PUBLIC_REVALIDATED };
    if (isNotModified(request, caching.etag)) return notModifiedResponse(caching);
    const stored = await loadSocialPreview(getMediaStorage(), shared.media);
    if (!stored) throw notFound();
    return mediaResponse(stored, { ...caching, contentType: "image/jpeg" });
  },
);
