import { z } from "zod";
import { notFound, route } from "@/lib/http/route";
import { isNotModified, notModifiedResponse, PUBLIC_REVALIDATED, serveStored } from "@/lib/media/serve";
import { loadShare, openSharedOriginal } from "@/lib/shares/load-share";
import { shareTokenSchema } from "@/lib/shares/token";

// The shared image, served through its share: it answers while the share exists and 404s the
// moment it is revoked. Caches must ask again every time for the same reason.
export const GET = route(
  { name: "shared image", auth: "public", params: z.object({ token: shareTokenSchema }) },
  async ({ request, params: { token } }) => {
    const shared = await loadShare(token);
    if (!shared) throw notFound();
    const caching = { etag: `"${token.slice(0, 16)}"`, cacheControl: PUBLIC_REVALIDATED };
    if (isNotModified(request, caching.etag)) return notModifiedResponse(caching);
    const response = await serveStored(request, (range) => openSharedOriginal(shared, range), {
      ...caching,
      contentType: shared.media.contentType,
    });
    if (!response) throw notFound();
    return response;
  },
);
