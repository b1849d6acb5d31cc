import { AppError } from "@/lib/errors";

export function payloadTooLarge(maxBytes: number, message?: string): AppError {
  const limit = maxBytes >= 1024 * 1024 ? `${Math.floor(maxBytes / 1024 / 1024)} MB` : `${maxBytes >> 10} KB`;
  return new AppError("payload_too_large", message ?? `The request is larger than ${limit}.`);
}

/**
 * The body of `request` as bytes, never more than `maxBytes` of them. Content-Length is only a
 * hint: a declared size over the cap is refused before reading, but a chunked body declares none and
 * a client may understate it, so the stream itself is cut off the moment it passes the cap.
 */
export async function readCappedBody(
  request: Pick<Request, "headers" | "body">,
  maxBytes: number,
  tooLargeMessage?: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw payloadTooLarge(maxBytes, tooLargeMessage);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Stop pulling from the client; what it still sends is not kept.
      reader.cancel().catch(() => {});
      throw payloadTooLarge(maxBytes, tooLargeMessage);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
