import * as z from "zod/mini";
import { MAX_BATCH, PROVIDER_IDS } from "@/lib/providers/types";
import { ASPECT_RATIOS, QUALITIES } from "@/lib/seedream/constants";

// The ratio, quality, variations and host last used in this browser: the next visit starts from them.
const KEY = "seedream:composer-settings";

const settingsSchema = z.object({
  aspectRatio: z.enum(ASPECT_RATIOS),
  quality: z.enum(QUALITIES),
  // Optional: settings saved before variations and hosts existed still load.
  count: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_BATCH))),
  provider: z.optional(z.enum(PROVIDER_IDS)),
});
export type ComposerSettings = z.infer<typeof settingsSchema>;

export function loadComposerSettings(): ComposerSettings | null {
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(window.localStorage.getItem(KEY) ?? "null"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveComposerSettings(settings: ComposerSettings): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(settings));
  } catch {
    // Storage refused: the choice simply is not remembered.
  }
}
