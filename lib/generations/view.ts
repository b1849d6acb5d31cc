// zod/mini: the gallery and studio parse these in the browser, and full zod would triple their bundle.
import * as z from "zod/mini";
import { PROVIDER_IDS } from "@/lib/providers/types";
import { ASPECT_RATIOS, QUALITIES } from "@/lib/seedream/constants";

// What the browser is told about a generation: never upstream URLs, task ids or callback tokens.
// Parsed in the browser, hence zod/mini (full zod would add ~30 KB gzip to every studio page).
export const generationPhases = [
  "submitting",
  "queued",
  "generating",
  "saving",
  "succeeded",
  "failed",
  "unknown",
  "timed_out",
] as const;

export const imageViewSchema = z.object({
  /** The media id: what "Edit this" puts into the references. */
  id: z.uuid(),
  src: z.string(),
  thumbnailSrc: z.string(),
  /** At most 1280 px (WebP): what a phone's `srcset` picks. */
  mediumSrc: z.string(),
  /** At most 2048 px (WebP): what pages show; `src` (the original) is for opening and downloading. */
  displaySrc: z.string(),
  width: z.int(),
  height: z.int(),
  placeholder: z.string(),
});
export type ImageView = z.infer<typeof imageViewSchema>;

export const sourceViewSchema = z.object({
  /** Null when the image has since been deleted. */
  image: z.nullable(imageViewSchema),
  /** The edit or generation this source came out of: the previous step of a chain. */
  fromGenerationId: z.nullable(z.uuid()),
});
export type SourceView = z.infer<typeof sourceViewSchema>;

export const generationViewSchema = z.object({
  id: z.uuid(),
  status: z.enum(["pending", "running", "unknown", "succeeded", "failed", "timed_out"]),
  phase: z.enum(generationPhases),
  progress: z.nullable(z.int().check(z.minimum(0), z.maximum(100))),
  prompt: z.string(),
  mode: z.enum(["generate", "edit"]),
  aspectRatio: z.enum(ASPECT_RATIOS),
  quality: z.enum(QUALITIES),
  costCredits: z.int(),
  /** The Seedream host it was sent to (lib/providers). */
  provider: z.enum(PROVIDER_IDS),
  /** The click that asked for several variations: this is image `index` (0-based) of `size`. */
  batch: z.nullable(z.object({ id: z.uuid(), index: z.int(), size: z.int() })),
  starred: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
  completedAt: z.nullable(z.iso.datetime({ offset: true })),
  error: z.nullable(z.object({ code: z.string(), message: z.string() })),
  image: z.nullable(imageViewSchema),
  /** Trouble a running generation is waiting out: the upstream's status checks, or our download. */
  retrying: z.nullable(
    z.object({ reason: z.enum(["status", "download"]), since: z.nullable(z.iso.datetime({ offset: true })) }),
  ),
  // Absent from status polls: an edit's sources are fixed when it is created, so a poll that
  // re-read them every second would be wasted work.
  sources: z.optional(z.array(sourceViewSchema)),
});

export type GenerationView = z.infer<typeof generationViewSchema>;
export type GenerationPhase = GenerationView["phase"];

export const FINAL_STATUSES: ReadonlySet<GenerationView["status"]> = new Set([
  "succeeded",
  "failed",
  "timed_out",
]);

export const phaseLabels: Record<GenerationPhase, string> = {
  submitting: "Sending",
  queued: "Queued",
  generating: "Generating",
  saving: "Saving",
  succeeded: "Done",
  failed: "Failed",
  unknown: "Outcome unknown",
  timed_out: "Timed out",
};

/** "16:9" as a CSS aspect-ratio value, to reserve a result's shape before its image loads. */
export const cssAspectRatio = (ratio: string): string => ratio.replace(":", " / ");
