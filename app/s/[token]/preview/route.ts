import { buffer } from "node:stream/consumers";
import { renderSocialPreview } from "@/lib/media/social-preview";
import { loadSharedOriginal } from "@/lib/shares/shared-original";

// The link-preview image of a share (og:image), made from the stored original on request: crawlers
// ask rarely, and like the image itself it answers only while the share exists.
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const found = await loadSharedOriginal((await params).token);
  if (!found) return new Response("Not found", { status: 404 });
  const { media } = found.shared;
  const preview = await renderSocialPreview(await buffer(found.stored.body), media.width, media.height);
  return new Response(new Uint8Array(preview), {
    headers: {
      "content-type": "image/jpeg",
      "content-length": String(preview.length),
      "cache-control": "public, no-cache",
      "x-content-type-options": "nosniff",
    },
  });
}
