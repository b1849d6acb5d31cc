import "server-only";
import { createHmac } from "node:crypto";
import path from "node:path";
import { resolveAuthSecret } from "@/lib/auth/secret";
import { env } from "@/lib/config/env";
import { createLocalDiskStorage } from "./local-disk-storage";
import type { MediaStorage } from "./storage";

/** A key of its own for media URLs, so a leaked signature says nothing about session tokens. */
export function mediaSigningSecret(): string {
  return createHmac("sha256", resolveAuthSecret()).update("seedream-studio/media-url").digest("base64url");
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
