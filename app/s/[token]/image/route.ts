import { getDb } from "@/db";
import { getSharedImage } from "@/db/queries/shares";
import { getMediaStorage } from "@/lib/media";
import { mediaResponse } from "@/lib/media/serve";
import { shareTokenSchema } from "@/lib/shares/token";

// The shared image, served through its share: it answers while the share exists and 404s the
// moment it is revoked. Caches must ask again every time for the same reason.
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const token = shareTokenSchema.safeParse((await params).token);
  if (!token.success) return new Response("Not found", { status: 404 });
  const shared = await getSharedImage(await getDb(), { token: token.data, countView: false });
  const stored = shared ? await getMediaStorage().get(shared.media.storageKey) : null;
  if (!shared || !stored) return new Response("Not found", { status: 404 });
  return mediaResponse(stored, {
    contentType: shared.media.contentType,
    cacheControl: "public, no-cache",
    etag: `"${token.data.slice(0, 16)}"`,
  });
}
