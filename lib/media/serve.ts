import "server-only";
import { Readable } from "node:stream";
import type { StoredObject } from "./storage";

/** How a response may be kept: its validator and its Cache-Control. */
export interface Caching {
  etag: string;
  cacheControl: string;
}

// Private media is kept by the browser but checked with the server before every use (a 304 costs
// no bytes), so after sign-out or deletion a shared computer's cache shows nothing more.
export const PRIVATE_REVALIDATED = "private, no-cache";
// Share links: any cache may keep the bytes, but must ask each time, so revoking works at once.
export const PUBLIC_REVALIDATED = "public, no-cache";

/**
 * Whether the request's If-None-Match names this ETag. Callers ask only after they have checked
 * the session and ownership: a 304 says "what you have is still yours to see".
 */
export function isNotModified(request: Request, etag: string): boolean {
  const header = request.headers.get("if-none-match");
  if (!header) return false;
  return header.split(",").some((tag) => {
    const value = tag.trim().replace(/^W\//, "");
    return value === etag || value === "*";
  });
}

export function notModifiedResponse({ etag, cacheControl }: Caching): Response {
  return new Response(null, { status: 304, headers: { etag, "cache-control": cacheControl } });
}

export function mediaResponse(
  stored: StoredObject,
  {
    contentType,
    cacheControl,
    etag,
    disposition = "inline",
  }: Caching & { contentType: string; disposition?: string },
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
