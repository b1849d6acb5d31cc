import { z } from "zod";
import { getDb } from "@/db";
import { listResultsForUser } from "@/db/queries/generations";
import { getRequestUser } from "@/lib/auth/request-user";
import { attachmentDisposition, downloadName } from "@/lib/generations/download-name";
import { getMediaStorage } from "@/lib/media";
import { IMAGE_TYPES } from "@/lib/media/image-processing";
import { mediaResponse } from "@/lib/media/serve";

const paramsSchema = z.object({ id: z.uuid() });

// The original as a file named after its prompt. Owner only; anyone else gets 404.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const parsed = paramsSchema.safeParse(await params);
  const userId = (await getRequestUser(request))?.id;
  if (!parsed.success || !userId) return new Response("Not found", { status: 404 });
  const [result] = await listResultsForUser(await getDb(), { userId, ids: [parsed.data.id] });
  const stored = result ? await getMediaStorage().get(result.media.storageKey) : null;
  if (!result || !stored) return new Response("Not found", { status: 404 });
  const extension =
    Object.values(IMAGE_TYPES).find((type) => type.contentType === result.media.contentType)?.extension ??
    "bin";
  return mediaResponse(stored, {
    contentType: result.media.contentType,
    cacheControl: "private, no-cache",
    etag: `"${result.media.id}-download"`,
    disposition: attachmentDisposition(downloadName(result.prompt, result.id, extension)),
  });
}
