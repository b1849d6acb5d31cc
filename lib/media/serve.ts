import "server-only";
import { Readable } from "node:stream";
import { type ByteRange, RangeNotSatisfiableError, type StoredObject } from "./storage";

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

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * The one byte range a request asks for, or null to send the whole file: no Range header, several
 * ranges, one we cannot read, or an If-Range naming another version (RFC 9110 lets a server answer
 * any of those with the full file).
 */
export function requestedRange(request: Request, etag: string): ByteRange | null {
  const header = request.headers.get("range")?.trim();
  if (!header) return null;
  const ifRange = request.headers.get("if-range");
  if (ifRange && ifRange.trim() !== etag) return null;
  const match = SINGLE_RANGE.exec(header);
  if (!match) return null;
  const [, first, last] = match;
  if (first === "" && last === "") return null;
  if (first === "") return { suffix: Number(last) };
  const start = Number(first);
  const end = last === "" ? undefined : Number(last);
  if (!Number.isSafeInteger(start) || (end !== undefined && (!Number.isSafeInteger(end) || end < start)))
    return null;
  return end === undefined ? { start } : { start, end };
}

/** 416 for a range past the end of the file, naming its size as HTTP asks. */
export function rangeNotSatisfiableResponse(error: RangeNotSatisfiableError): Response {
  return new Response(null, { status: 416, headers: { "content-range": `bytes */${error.total}` } });
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
  const { range } = stored;
  return new Response(Readable.toWeb(stored.body) as ReadableStream<Uint8Array>, {
    status: range ? 206 : 200,
    headers: {
      "content-type": contentType,
      "content-length": String(stored.size),
      "cache-control": cacheControl,
      etag,
      "accept-ranges": "bytes",
      ...(range ? { "content-range": `bytes ${range.start}-${range.end}/${range.total}` } : {}),
      "x-content-type-options": "nosniff",
      "content-disposition": disposition,
    },
  });
}

/**
 * Opens the file (only the range asked for, if any) and answers with it: 200, 206 or 416; null
 * when the file is missing, for the caller to answer as its own 404.
 */
export async function serveStored(
  request: Request,
  open: (range: ByteRange | undefined) => Promise<StoredObject | null>,
  options: Caching & { contentType: string; disposition?: string },
): Promise<Response | null> {
  try {
    const stored = await open(requestedRange(request, options.etag) ?? undefined);
    return stored && mediaResponse(stored, options);
  } catch (error) {
    if (error instanceof RangeNotSatisfiableError) return rangeNotSatisfiableResponse(error);
    throw error;
  }
}
