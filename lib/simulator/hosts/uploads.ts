import { randomBytes } from "node:crypto";
import type http from "node:http";

// Files put on a simulated host's own store (KIE's file host, fal's storage): served back at the
// URL the upload answered with, which is where the host's tasks then fetch their references from,
// and recognisable so a test can tell a reference that was uploaded from one of the app's URLs.

export interface StoredUpload {
  id: string;
  host: "kie" | "fal";
  name: string;
  contentType: string;
  /** Null until the bytes arrive (fal: initiate first, then PUT). */
  body: Buffer | null;
}

/**
 * How much the store keeps: the simulator runs for as long as the app (a laptop studio, a long e2e
 * run), and every edit on KIE or fal uploads its references here, so without a bound the process
 * would grow for ever. The oldest uploads go first; a real host deletes them after a day or so too.
 */
export interface UploadStoreLimits {
  maxEntries: number;
  maxBytes: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadStoreLimits = { maxEntries: 500, maxBytes: 256 * 1024 * 1024 };

const FILE_PATH = /^\/host-uploads\/([a-f0-9]{24})\/[\w.-]+$/;
const safeName = (name: string) => name.replace(/[^\w.-]/g, "_").slice(0, 100) || "file";

export function createUploadStore(baseUrl: () => string, limits: UploadStoreLimits = DEFAULT_UPLOAD_LIMITS) {
  // A Map keeps insertion order: its first entries are the oldest, the ones evicted first.
  const uploads = new Map<string, StoredUpload>();
  let totalBytes = 0;

  function evictOldest(): void {
    for (const [id, upload] of uploads) {
      if (uploads.size <= limits.maxEntries && totalBytes <= limits.maxBytes) return;
      uploads.delete(id);
      totalBytes -= upload.body?.length ?? 0;
    }
  }

  function reserve(host: StoredUpload["host"], name: string, contentType: string): StoredUpload {
    const upload: StoredUpload = {
      id: randomBytes(12).toString("hex"),
      host,
      name: safeName(name),
      contentType,
      body: null,
    };
    uploads.set(upload.id, upload);
    evictOldest();
    return upload;
  }

  /** Gives a reserved upload its bytes; false when it is gone (evicted) or already has them. */
  function fill(upload: StoredUpload, body: Buffer): boolean {
    if (upload.body || uploads.get(upload.id) !== upload) return false;
    if (body.length > limits.maxBytes) {
      // Larger than all the store keeps: refused, without evicting anything for it.
      uploads.delete(upload.id);
      return false;
    }
    upload.body = body;
    totalBytes += body.length;
    // Its bytes arrived last, so it is now the newest.
    uploads.delete(upload.id);
    uploads.set(upload.id, upload);
    evictOldest();
    return true;
  }

  function idOf(url: string): string | null {
    try {
      const parsed = new URL(url);
      if (parsed.origin !== new URL(baseUrl()).origin) return null;
      return FILE_PATH.exec(parsed.pathname)?.[1] ?? null;
    } catch {
      return null;
    }
  }

  return {
    reserve,
    fill,
    /** Stores a whole file at once (KIE); null when it is larger than the store keeps. */
    put(host: StoredUpload["host"], name: string, contentType: string, body: Buffer): StoredUpload | null {
      const upload = reserve(host, name, contentType);
      return fill(upload, body) ? upload : null;
    },
    get: (id: string) => uploads.get(id),
    /** What the store holds now (for tests). */
    size: () => ({ entries: uploads.size, bytes: totalBytes }),
    urlOf: (upload: StoredUpload) => `${baseUrl()}/host-uploads/${upload.id}/${upload.name}`,
    /** Whether a reference a task received is a file uploaded here (and its bytes arrived). */
    isUpload(url: string): boolean {
      const id = idOf(url);
      return id !== null && uploads.get(id)?.body != null;
    },
    /** Handles GET /host-uploads/{id}/{name}; false for any other request. */
    serve(req: http.IncomingMessage, res: http.ServerResponse, url: URL): boolean {
      const match = FILE_PATH.exec(url.pathname);
      if (!match || req.method !== "GET") return false;
      const upload = uploads.get(match[1] ?? "");
      if (!upload?.body) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "not found" }));
        return true;
      }
      res.writeHead(200, {
        "content-type": upload.contentType,
        "content-length": String(upload.body.length),
      });
      res.end(upload.body);
      return true;
    },
  };
}

export type UploadStore = ReturnType<typeof createUploadStore>;

/** The request's bytes, up to `maxBytes` (a simulated store takes images, nothing larger). */
export async function readBytes(req: http.IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
