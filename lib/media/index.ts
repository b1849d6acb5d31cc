import "server-only";
import path from "node:path";
import { deriveSecret } from "@/lib/auth/secret";
import { env } from "@/lib/config/env";
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
