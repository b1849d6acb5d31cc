import type { Readable } from "node:stream";

// Where image bytes live. The flow only ever talks to this interface, so an S3-compatible driver
// can replace the local disk without touching generation or serving code.
export interface StoredObject {
  body: Readable;
  /** Bytes in `body`: the whole file, or the range asked for. */
  size: number;
  /** Set when a range was asked for and served: the bytes `body` holds (inclusive) of `total`. */
  range?: ServedRange;
}

/** One byte range as HTTP asks for it: `start-end`, `start-` (to the end) or the last `suffix` bytes. */
export type ByteRange = { start: number; end?: number } | { suffix: number };

export interface ServedRange {
  start: number;
  end: number;
  total: number;
}

/** A range that starts past the end of the file: HTTP answers 416 and names the size. */
export class RangeNotSatisfiableError extends Error {
  constructor(readonly total: number) {
    super("Range not satisfiable");
    this.name = "RangeNotSatisfiableError";
  }
}

/** The store itself failed (unreachable, refused): not a missing file. Message names no secret. */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StorageUnavailableError";
  }
}

/** The inclusive byte range `range` names in a file of `total` bytes; throws when none of it exists. */
export function resolveRange(range: ByteRange, total: number): ServedRange {
  if ("suffix" in range) {
    if (range.suffix <= 0 || total === 0) throw new RangeNotSatisfiableError(total);
    return { start: Math.max(0, total - range.suffix), end: total - 1, total };
  }
  if (range.start >= total) throw new RangeNotSatisfiableError(total);
  return { start: range.start, end: Math.min(range.end ?? total - 1, total - 1), total };
}

export interface MediaStorage {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The file, or with `range` only those bytes (`range` on the result says which); null when absent. */
  get(key: string, options?: { range?: ByteRange }): Promise<StoredObject | null>;
  /** Whether the key holds a file, without opening it. */
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** An absolute URL that anyone may fetch until it expires, without a session. */
  signedUrl(key: string, options: { expiresInSeconds: number }): string;
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)*$/i;

/** Keys are made by our code; this guards the disk driver against a path ever escaping its root. */
export function assertValidKey(key: string): void {
  if (!KEY_PATTERN.test(key) || key.split("/").some((part) => part === "." || part === "..")) {
    throw new Error(`Invalid storage key: ${key}`);
  }
}
