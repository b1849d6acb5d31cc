import "server-only";
import path from "node:path";
import { deriveSecret } from "@/lib/auth/secret";
import { env } from "@/lib/config/env";
import { logEvent } from "@/lib/logging/log";
import { createLocalDiskStorage } from "./local-disk-storage";
import type { MediaStorage } from "./storage";

/** A key of its own for media URLs, so a leaked signature says nothing about session tokens. */
export function mediaSigningSecret(): string {
  return deriveSecret("media-url");
}

let storage: MediaStorage | undefined;

export function getMediaStorage(): MediaStorage {
  storage ??= createLocalDiskStorage({
    root: path.join(env().DATA_DIR, "media"),
    publicBaseUrl: `${env().APP_URL}/media/signed`,
    signingSecret: mediaSigningSecret(),
  });
  return storage;
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
