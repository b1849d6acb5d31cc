import "server-only";
import { Readable } from "node:stream";
import type { StoredObject } from "./storage";

export function mediaResponse(
  stored: StoredObject,
  {
    contentType,
    cacheControl,
    etag,
    disposition = "inline",
  }: { contentType: string; cacheControl: string; etag: string; disposition?: string },
): Response {
  return new Response(Readable.toWeb(stored.body) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": contentType,
      "content-length": String(stored.size),
      "cache-control": cacheControl,
      etag,
      "x-content-type-options": "nosniff",
      "content-disposition": disposition,
    },
  });
}
