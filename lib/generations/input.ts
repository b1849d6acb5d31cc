import { z } from "zod";
import { MAX_REFERENCES } from "@/lib/media/reference-limits";
import { ASPECT_RATIOS, PROMPT_MAX_LENGTH, PROMPT_MIN_LENGTH, QUALITIES } from "@/lib/seedream/constants";
import { hasNoNul } from "@/lib/validation/nul";

// One schema for the composer (in the browser) and the server action (authoritative).
export const promptSchema = z
  .string()
  .trim()
  .min(PROMPT_MIN_LENGTH, `Write at least ${PROMPT_MIN_LENGTH} characters.`)
  .max(PROMPT_MAX_LENGTH, `Keep the prompt under ${PROMPT_MAX_LENGTH.toLocaleString("en")} characters.`)
  .refine(
    hasNoNul,
    "The prompt contains an invisible NUL character, usually pasted in from another program. Retype the pasted part and try again.",
  );

export const generationInputSchema = z.object({
  prompt: promptSchema,
  aspectRatio: z.enum(ASPECT_RATIOS, "Pick one of the aspect ratios."),
  quality: z.enum(QUALITIES, "Pick basic or high quality."),
  idempotencyKey: z.uuid(),
  // In prompt order: the first is "image 1". Any at all makes this an edit.
  referenceIds: z
    .array(z.uuid("A reference image is not valid; remove it and add it again."))
    .max(MAX_REFERENCES, `At most ${MAX_REFERENCES} reference images can be used in one edit.`)
    .refine((ids) => new Set(ids).size === ids.length, "The same reference image is in the tray twice.")
    .default([]),
});

export type GenerationInput = z.output<typeof generationInputSchema>;

export const retryInputSchema = z.object({
  generationId: z.uuid(),
  idempotencyKey: z.uuid(),
});
