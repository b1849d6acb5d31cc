import { getMediaStorage, mediaSigningSecret } from "@/lib/media";
import { IMAGE_TYPES } from "@/lib/media/image-processing";
import { mediaResponse } from "@/lib/media/serve";
import { verifyMediaSignature } from "@/lib/media/url-signing";

const contentTypes: Record<string, string> = Object.fromEntries(
  Object.values(IMAGE_TYPES).map(({ extension, contentType }) => [extension, contentType]),
);

// Signed, expiring URLs for fetchers without a session (the upstream fetching reference images).
export async function GET(request: Request, { params }: { params: Promise<{ key: string[] }> }) {
  const key = (await params).key.join("/");
  const url = new URL(request.url);
  const valid = verifyMediaSignature(mediaSigningSecret(), {
    key,
    exp: url.searchParams.get("exp"),
    sig: url.searchParams.get("sig"),
  });
  if (!valid) return new Response("Forbidden", { status: 403 });
  const contentType = contentTypes[key.split(".").pop() ?? ""];
  const stored = contentType ? await getMediaStorage().get(key) : null;
  if (!stored || !contentType) return new Response("Not found", { status: 404 });
  return mediaResponse(stored, { contentType, cacheControl: "private, max-age=300", etag: `"${key}"` });
}
