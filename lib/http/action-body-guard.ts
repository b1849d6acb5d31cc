import { AppError } from "@/lib/errors";
import { errorResponse } from "./error-response";
import { payloadTooLarge, readCappedBody } from "./read-body";

// next.config.mjs sets serverActions.bodySizeLimit to "1mb", which Next reads as 1 MiB.
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

const MULTIPART = /^multipart\/form-data\s*;/i;
const URL_ENCODED = /^application\/x-www-form-urlencoded\s*(;|$)/i;

const notReadable = () =>
  new AppError("bad_request", "The request body is not a server action's arguments (JSON or a form).");

async function isReadableForm(bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<boolean> {
  try {
    await new Response(bytes, { headers: { "content-type": contentType } }).formData();
    return true;
  } catch {
    return false;
  }
}

function isJson(bytes: Uint8Array): boolean {
  try {
    JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    return true;
  } catch {
    return false;
  }
}

/**
 * Pages take POSTs only as server actions. Next answers one whose body is over the limit, or whose
 * arguments do not parse, with a 500 (its error thrown mid-render); this refuses them first with
 * the 4xx they are, in the routes' error shape. Chunked bodies are counted as they arrive.
 */
export async function refuseUnreadableActionPost(request: Request): Promise<Response | null> {
  if (request.method !== "POST") return null;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await readCappedBody(request, ACTION_BODY_LIMIT_BYTES);
  } catch (error) {
    return errorResponse(error instanceof AppError ? error : payloadTooLarge(ACTION_BODY_LIMIT_BYTES));
  }
  if (!request.headers.has("next-action")) return null;
  const contentType = request.headers.get("content-type") ?? "";
  if (URL_ENCODED.test(contentType)) return null;
  const readable = MULTIPART.test(contentType) ? await isReadableForm(bytes, contentType) : isJson(bytes);
  return readable ? null : errorResponse(notReadable());
}
