import * as z from "zod/mini";
import { ASPECT_RATIOS, PROMPT_MAX_LENGTH, QUALITIES } from "@/lib/seedream/constants";

// What the composer held when the session ended, kept in this tab while the person signs in
// again, so that nothing they typed is lost on the way.
const KEY = "seedream-studio:composer-draft";

const draftSchema = z.object({
  prompt: z.string().check(z.maxLength(PROMPT_MAX_LENGTH * 2)),
  aspectRatio: z.enum(ASPECT_RATIOS),
  quality: z.enum(QUALITIES),
});

export type ComposerDraft = z.infer<typeof draftSchema>;

export function saveComposerDraft(draft: ComposerDraft): void {
  window.sessionStorage.setItem(KEY, JSON.stringify(draft));
}

/** The saved draft, once: reading it removes it. Anything unreadable counts as none. */
export function takeComposerDraft(): ComposerDraft | null {
  const raw = window.sessionStorage.getItem(KEY);
  if (raw === null) return null;
  window.sessionStorage.removeItem(KEY);
  try {
    const parsed = draftSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
