import { z } from "zod";
import { getDb } from "@/db";
import { listResultsForUser } from "@/db/queries/generations";
import { attachmentDisposition, downloadName } from "@/lib/generations/download-name";
import { notFound, route } from "@/lib/http/route";
import { getMediaStorage } from "@/lib/media";
import { IMAGE_TYPES } from "@/lib/media/image-processing";
import { isNotModified, notModifiedResponse, PRIVATE_REVALIDATED, serveStored } from "@/lib/media/serve";

// The original as a file named after its prompt. Owner only; anyone else gets 404.
export const GET = route(
  { name: "download", auth: "user", denyAs: "not_found", params: z.object({ id: z.uuid() }) },
  async ({ request, user, params }) => {
    const [result] = await listResultsForUser(await getDb(), { userId: user.id, ids: [params.id] });
    if (!result) throw notFound();
    const caching = { etag: `"${result.media.id}-download"`, cacheControl: PRIVATE_REVALIDATED };
    if (isNotModified(request, caching.etag)) return notModifiedResponse(caching);
    const extension =
      Object.values(IMAGE_TYPES).find((type) => type.contentType === result.media.contentType)?.extension ??
      "bin";
    const response = await serveStored(
      request,
      (range) => getMediaStorage().get(result.media.storageKey, { range }),
      {
        ...caching,
        contentType: result.media.contentType,
        disposition: attachmentDisposition(downloadName(result.prompt, result.id, extension)),
      },
    );
    if (!response) throw notFound();
    return response;
  },
);
