import { mediaResponse } from "@/lib/media/serve";
import { loadSharedOriginal } from "@/lib/shares/shared-original";

// The shared image, served through its share: it answers while the share exists and 404s the
// moment it is revoked. Caches must ask again every time for the same reason.
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = await loadSharedOriginal(token);
  if (!found) return new Response("Not found", { status: 404 });
  return mediaResponse(found.stored, {
    contentType: found.shared.media.contentType,
    cacheControl: "public, no-cache",
    etag: `"${token.slice(0, 16)}"`,
  });
}
