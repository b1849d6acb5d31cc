import { buffer } from "node:stream/consumers";
import { getDb } from "@/db";
import { getSharedImage } from "@/db/queries/shares";
import { getMediaStorage } from "@/lib/media";
import { renderSocialPreview } from "@/lib/media/social-preview";
import { shareTokenSchema } from "@/lib/shares/token";

// The link-preview image of a share (og:image), made from the stored original on request: crawlers
// ask rarely, and like the image itself it answers only while the share exists.
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const token = shareTokenSchema.safeParse((await params).token);
  if (!token.success) return new Response("Not found", { status: 404 });
  const shared = await getSharedImage(await getDb(), { token: token.data, countView: false });
  const stored = shared ? await getMediaStorage().get(shared.media.storageKey) : null;
  if (!shared || !stored) return new Response("Not found", { status: 404 });
  const preview = await renderSocialPreview(
    await buffer(stored.body),
    shared.media.width,
    shared.media.height,
  );
  return new Response(new Uint8Array(preview), {
    headers: {
      "content-type": "image/jpeg",
      "content-length": String(preview.length),
      "cache-control": "public, no-cache",
      "x-content-type-options": "nosniff",
    },
  });
}
