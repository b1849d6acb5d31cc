import { z } from "zod";
import { ASPECT_RATIOS, QUALITIES } from "@/lib/seedream/constants";

// What the browser is told about a generation: never upstream URLs, task ids or callback tokens.
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
  width: z.number().int(),
  height: z.number().int(),
  placeholder: z.string(),
});
export type ImageView = z.infer<typeof imageViewSchema>;

export const sourceViewSchema = z.object({
  /** Null when the image has since been deleted. */
  image: imageViewSchema.nullable(),
  /** The edit or generation this source came out of: the previous step of a chain. */
  fromGenerationId: z.uuid().nullable(),
});
export type SourceView = z.infer<typeof sourceViewSchema>;

export const generationViewSchema = z.object({
  id: z.uuid(),
  status: z.enum(["pending", "running", "unknown", "succeeded", "failed", "timed_out"]),
  phase: z.enum(generationPhases),
  progress: z.number().int().min(0).max(100).nullable(),
  prompt: z.string(),
  mode: z.enum(["generate", "edit"]),
  aspectRatio: z.enum(ASPECT_RATIOS),
  quality: z.enum(QUALITIES),
  costCredits: z.number().int(),
  starred: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
  completedAt: z.iso.datetime({ offset: true }).nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  image: imageViewSchema.nullable(),
  /** Trouble a running generation is waiting out: the upstream's status checks, or our download. */
  retrying: z
    .object({ reason: z.enum(["status", "download"]), since: z.iso.datetime({ offset: true }).nullable() })
    .nullable(),
  // Absent from status polls: an edit's sources are fixed when it is created, so a poll that
  // re-read them every second would be wasted work.
  sources: z.array(sourceViewSchema).optional(),
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
