import type { SourceSummary } from "@/db/queries/generation-sources";
import type { GenerationSummary } from "@/db/queries/generations";
import { toTaskState } from "@/lib/seedream/task-state";
import type { GenerationPhase, GenerationView, ImageView, SourceView } from "./view";

function phaseOf(generation: GenerationSummary): GenerationPhase {
  switch (generation.status) {
    case "pending":
      return "submitting";
    case "running": {
      if (generation.ingestClaimedAt) return "saving";
      const state = generation.upstreamStatus ? toTaskState(generation.upstreamStatus) : "queued";
      if (state === "succeeded") return "saving";
      return state === "queued" ? "queued" : "generating";
    }
    default:
      return generation.status;
  }
}

function retryingOf(generation: GenerationSummary): GenerationView["retrying"] {
  if (generation.status !== "running") return null;
  if (generation.statusFailingSince) {
    return { reason: "status", since: generation.statusFailingSince.toISOString() };
  }
  if (generation.ingestAttempts > 0 && !generation.ingestClaimedAt)
    return { reason: "download", since: null };
  return null;
}

export function toImageView(media: {
  id: string;
  width: number;
  height: number;
  placeholder: string;
}): ImageView {
  return {
    id: media.id,
    src: `/media/${media.id}/original`,
    thumbnailSrc: `/media/${media.id}/thumbnail`,
    mediumSrc: `/media/${media.id}/medium`,
    displaySrc: `/media/${media.id}/display`,
    width: media.width,
    height: media.height,
    placeholder: media.placeholder,
  };
}

function toSourceView(source: SourceSummary): SourceView {
  return {
    image: source.media ? toImageView(source.media) : null,
    fromGenerationId: source.fromGenerationId,
  };
}

export function toGenerationView(generation: GenerationSummary, sources?: SourceSummary[]): GenerationView {
  const { media } = generation;
  return {
    id: generation.id,
    status: generation.status,
    phase: phaseOf(generation),
    progress: generation.progress,
    prompt: generation.prompt,
    mode: generation.mode,
    aspectRatio: generation.aspectRatio as GenerationView["aspectRatio"],
    quality: generation.quality,
    costCredits: generation.costCredits,
    provider: generation.provider,
    batch: generation.batchId
      ? { id: generation.batchId, index: generation.batchIndex, size: generation.batchSize }
      : null,
    starred: generation.starred,
    createdAt: generation.createdAt.toISOString(),
    completedAt: generation.completedAt?.toISOString() ?? null,
    error:
      generation.errorCode && generation.status !== "succeeded"
        ? { code: generation.errorCode, message: generation.errorMessage ?? "Something went wrong." }
        : null,
    image: media ? toImageView(media) : null,
    retrying: retryingOf(generation),
    ...(sources ? { sources: sources.map(toSourceView) } : {}),
  };
}
