import { z } from "zod";
import { AppError } from "@/lib/errors";
import { notFound, route } from "@/lib/http/route";
import { getMediaStorage, mediaSigningSecret } from "@/lib/media";
import { IMAGE_TYPES } from "@/lib/media/image-processing";
import { serveStored } from "@/lib/media/serve";
import { verifyMediaSignature } from "@/lib/media/url-signing";

const contentTypes: Record<string, string> = Object.fromEntries(
  Object.values(IMAGE_TYPES).map(({ extension, contentType }) => [extension, contentType]),
);

const paramsSchema = z.object({ key: z.array(z.string().min(1)).min(1).max(8) });
const querySchema = z.object({ exp: z.string().max(20).optional(), sig: z.string().max(100).optional() });

// Signed, expiring URLs for fetchers without a session (the upstream fetching reference images).
export const GET = route(
  { name: "signed media", auth: "public", params: paramsSchema, query: querySchema },
  async ({ request, params, query }) => {
    const key = params.key.join("/");
    const valid = verifyMediaSignature(mediaSigningSecret(), {
      key,
      exp: query.exp ?? null,
      sig: query.sig ?? null,
    });
    if (!valid) throw new AppError("forbidden", "This link has expired or is not valid.");
    const contentType = contentTypes[key.split(".").pop() ?? ""];
    const response =
      contentType &&
      (await serveStored(request, (range) => getMediaStorage().get(key, { range }), {
        contentType,
        cacheControl: "private, max-age=300",
        etag: `"${key}"`,
      }));
    if (!response) throw notFound();
    return response;
  },
);
