import "server-only";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { deriveSecret } from "@/lib/auth/secret";
import { env } from "@/lib/config/env";
import { logEvent } from "@/lib/logging/log";
import { createLocalDiskStorage } from "./local-disk-storage";
import { createS3Target } from "./s3-client";
import { createS3Storage } from "./s3-storage";
import type { MediaStorage } from "./storage";

/** A key of its own for media URLs, so a leaked signature says nothing about session tokens. */
export function mediaSigningSecret(): string {
  return deriveSecret("media-url");
}

const globalForStorage = globalThis as typeof globalThis & { __seedreamMediaStorage?: MediaStorage };

function createMediaStorage(): MediaStorage {
  const settings = env();
  const signing = { publicBaseUrl: `${settings.APP_URL}/media/signed`, signingSecret: mediaSigningSecret() };
  if (settings.S3_BUCKET) {
    return createS3Storage({
      target: createS3Target({ ...settings, S3_BUCKET: settings.S3_BUCKET }),
      ...signing,
    });
  }
  return createLocalDiskStorage({ root: path.join(settings.DATA_DIR, "media"), ...signing });
}

/** The media store: the S3 bucket when S3_BUCKET is set, else DATA_DIR/media. One per process. */
export function getMediaStorage(): MediaStorage {
  globalForStorage.__seedreamMediaStorage ??= createMediaStorage();
  return globalForStorage.__seedreamMediaStorage;
}

/** Where media lives, for the start-up line: never a credential. */
export function describeMediaStorage(): string {
  const { S3_BUCKET, S3_ENDPOINT, DATA_DIR } = env();
  if (!S3_BUCKET) return `files in ${path.join(DATA_DIR, "media")}`;
  return `S3 bucket "${S3_BUCKET}"${S3_ENDPOINT ? ` at ${new URL(S3_ENDPOINT).host}` : ""}`;
}

const PROBE_PREFIX = "probes";

/** Writes, reads back and deletes a small file: the store takes writes, not only reads. */
export async function verifyStorageWritable(storage: MediaStorage = getMediaStorage()): Promise<void> {
  const key = `${PROBE_PREFIX}/${randomUUID()}.probe`;
  await storage.put(key, Buffer.from("seedream storage probe"), "text/plain");
  try {
    if (!(await storage.exists(key)))
      throw new Error("The probe file written to the media store was not found.");
  } finally {
    await storage.delete(key);
  }
}

/** A cheap look at the store (one HEAD on S3): reachable and answering, for the readiness check. */
export async function verifyStorageReachable(storage: MediaStorage = getMediaStorage()): Promise<void> {
  await storage.exists(`${PROBE_PREFIX}/ready.probe`);
}

/** Removes files whose rows are already gone; one that will not go is only logged (an orphan, not an error). */
export async function removeStoredFiles(storageKeys: readonly string[]): Promise<void> {
  const storage = getMediaStorage();
  await Promise.all(
    storageKeys.map((key) =>
      storage.delete(key).catch((error: unknown) => logEvent("media", "file delete failed", {}, error)),
    ),
  );
}
