import type { Readable } from "node:stream";

// Where image bytes live. The flow only ever talks to this interface, so an S3-compatible driver
// can replace the local disk without touching generation or serving code.
export interface StoredObject {
  body: Readable;
  size: number;
}

export interface MediaStorage {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<StoredObject | null>;
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
