import * as z from "zod/mini";
import { ASPECT_RATIOS, QUALITIES } from "@/lib/seedream/constants";

// The ratio and quality last used in this browser: the next visit starts from them.
const KEY = "seedream:composer-settings";

const settingsSchema = z.object({ aspectRatio: z.enum(ASPECT_RATIOS), quality: z.enum(QUALITIES) });
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
