import { z } from "zod";
import { MAX_REFERENCES } from "@/lib/media/reference-limits";
import { MAX_BATCH, PROVIDER_IDS } from "@/lib/providers/types";
import { ASPECT_RATIOS, QUALITIES } from "@/lib/seedream/constants";
import { promptSchema } from "./prompt-schema";

export { promptSchema } from "./prompt-schema";

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
  // One click, one batch: this many variations, each its own image, under the one key above.
  count: z
    .int("Pick how many variations to make.")
    .min(1, "Pick how many variations to make.")
    .max(MAX_BATCH, `At most ${MAX_BATCH} variations can be made at once.`)
    .optional(),
  // Absent: the studio's default host.
  provider: z.enum(PROVIDER_IDS, "That host is not offered here.").optional(),
});

export type GenerationInput = z.output<typeof generationInputSchema>;

export const retryInputSchema = z.object({
  generationId: z.uuid(),
  idempotencyKey: z.uuid(),
});
