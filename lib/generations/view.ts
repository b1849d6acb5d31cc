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
  createdAt: z.iso.datetime({ offset: true }),
  completedAt: z.iso.datetime({ offset: true }).nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  image: z
    .object({
      src: z.string(),
      thumbnailSrc: z.string(),
      width: z.number().int(),
      height: z.number().int(),
      placeholder: z.string(),
    })
    .nullable(),
});

export type GenerationView = z.infer<typeof generationViewSchema>;
export type GenerationPhase = GenerationView["phase"];

export const FINAL_STATUSES: ReadonlySet<GenerationView["status"]> = new Set([
  "succeeded",
  "failed",
  "timed_out",
]);

export const phaseLabels: Record<GenerationPhase, string> = {
  submitting: "Sending to Seedream",
  queued: "Waiting in the upstream queue",
  generating: "Generating",
  saving: "Saving the image",
  succeeded: "Done",
  failed: "Failed",
  unknown: "Outcome unknown",
  timed_out: "Timed out",
};
