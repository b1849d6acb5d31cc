import { z } from "zod";
import { notFound, route } from "@/lib/http/route";
import { getMediaStorage } from "@/lib/media";
import { loadSizedVariant } from "@/lib/media/display-variant";
import { isNotModified, mediaResponse, notModifiedResponse, PUBLIC_REVALIDATED } from "@/lib/media/serve";
import { loadShare } from "@/lib/shares/load-share";
import { shareTokenSchema } from "@/lib/shares/token";

// The display-sized copy of a shared image (what the share page shows; /image stays the original
// for downloading). Like the original it answers only while the share exists.
export const GET = route(
  { name: "shared display image", auth: "public", params: z.object({ token: shareTokenSchema }) },
  async ({ request, params: { token } }) => {
    const shared = await loadShare(token);
    if (!shared) throw notFound();
    const caching = { etag: `"${token.slice(0, 16)}-display"`, cacheControl: PUBLIC_REVALIDATED };
    if (isNotModified(request, caching.etag)) return notModifiedResponse(caching);
    const stored = await loadSizedVariant(getMediaStorage(), shared.media.storageKey, "display");
    if (!stored) throw notFound();
    return mediaResponse(stored, { ...caching, contentType: "image/webp" });
  },
);
