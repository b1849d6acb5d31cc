"use client";

import Link from "next/link";
import { useState } from "react";
import { retryGenerationAction } from "@/app/(studio)/actions";
import { useRefreshAllowance } from "@/components/billing/use-allowance";
import { ImageMenuButton } from "@/components/gallery/image-menu-button";
import { DismissButton } from "@/components/studio/dismiss-button";
import { ActionButton } from "@/components/ui/action-button";
import { Button } from "@/components/ui/button";
import { newIdempotencyKey } from "@/lib/generations/idempotency-key";
import { cssAspectRatio, type GenerationView, type ImageView, phaseLabels } from "@/lib/generations/view";
import { PROVIDER_PROFILES } from "@/lib/providers/profiles";
import { ElapsedTime } from "./elapsed-time";
import { GenerationThumbnail } from "./generation-thumbnail";
import { LazyCompareSlider } from "./lazy-compare-slider";
import { RetryNotice } from "./retry-notice";
import { SourceStrip } from "./source-strip";
import { useGeneration } from "./use-generation";

export function RetryButton({
  generation,
  onRetried,
  label = "Retry",
}: {
  generation: GenerationView;
  onRetried: (next: GenerationView[]) => void;
  label?: string;
}) {
  const [key] = useState(newIdempotencyKey);
  const refreshAllowance = useRefreshAllowance();
  const retry = async () => {
    const result = await retryGenerationAction({ generationId: generation.id, idempotencyKey: key });
    refreshAllowance();
    return result;
  };
  return (
    <ActionButton
      variant="secondary"
      action={retry}
      onSuccess={onRetried}
      busyLabel="Retrying…"
      unreachable="Could not reach the server. Check your connection and retry."
    >
      {generation.status === "unknown" ? "Send again (may charge twice)" : label}
    </ActionButton>
  );
}

export function GenerationCard({
  initial,
  onRetried,
  onEdit,
  onDismissed,
}: {
  initial: GenerationView;
  onRetried: (next: GenerationView[]) => void;
  /** Offers to put a failure away (the studio's list). */
  onDismissed?: (id: string) => void;
  /** Puts the result into the composer's references. */
  onEdit?: (image: ImageView, name: string) => void;
}) {
  const { data: generation, error } = useGeneration(initial);
  // Status polls leave sources out (they never change), so they come from the first view.
  const sources = generation.sources ?? initial.sources ?? [];
  const firstSource = sources[0]?.image;
  const editedFrom = sources.find((source) => source.fromGenerationId)?.fromGenerationId;
  const [comparing, setComparing] = useState(false);
  const running = generation.status === "pending" || generation.status === "running";
  const failed =
    generation.status === "failed" || generation.status === "timed_out" || generation.status === "unknown";
  return (
    <article
      aria-label={`Generation: ${generation.prompt}`}
      data-status={generation.status}
      data-generation-id={generation.id}
      className="scroll-mt-4 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm"
    >
      <div
        className="relative w-full bg-zinc-100"
        style={{ aspectRatio: cssAspectRatio(generation.aspectRatio) }}
      >
        {generation.image && firstSource && comparing ? (
          <LazyCompareSlider
            before={firstSource}
            after={generation.image}
            prompt={generation.prompt}
            aspectRatio={cssAspectRatio(generation.aspectRatio)}
          />
        ) : generation.image ? (
          <GenerationThumbnail id={generation.id} image={generation.image} prompt={generation.prompt} />
        ) : (
          <div className="flex h-full w-full items-center justify-center p-4 text-center text-sm text-zinc-500">
            {running ? (
              <div className="w-2/3 space-y-2" role="status" aria-live="polite">
                <p className="font-medium text-zinc-700">{phaseLabels[generation.phase]}…</p>
                <div
                  className="h-1.5 overflow-hidden rounded-full bg-zinc-200"
                  role="progressbar"
                  aria-label="Progress"
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={generation.progress ?? undefined}
                >
                  <div
                    className="h-full bg-violet-600 transition-all"
                    style={{ width: `${Math.max(5, generation.progress ?? 5)}%` }}
                  />
                </div>
                {generation.retrying && <RetryNotice retrying={generation.retrying} />}
              </div>
            ) : (
              <p>{phaseLabels[generation.phase]}</p>
            )}
          </div>
        )}
      </div>
      <div className="space-y-2 p-3 text-sm">
        <div className="flex items-start gap-2">
          <p className="line-clamp-2 flex-1 text-zinc-800">{generation.prompt}</p>
          <ImageMenuButton generation={generation} />
        </div>
        <p className="flex flex-wrap gap-x-3 text-xs text-zinc-500">
          {generation.phase !== "succeeded" && (
            <span data-testid="generation-phase">{phaseLabels[generation.phase]}</span>
          )}
          <span>
            {generation.aspectRatio} · {generation.quality === "high" ? "4K" : "2K"}
          </span>
          <span>{PROVIDER_PROFILES[generation.provider].label}</span>
          <ElapsedTime from={generation.createdAt} until={generation.completedAt} />
        </p>
        {sources.length > 0 && (
          <div className="flex items-end justify-between gap-2">
            <SourceStrip sources={sources} />
            {editedFrom && (
              <Link href={`/g/${editedFrom}`} className="text-xs text-violet-700 underline">
                Edited from an earlier result
              </Link>
            )}
          </div>
        )}
        {generation.image && (
          <div className="flex flex-wrap gap-2">
            {onEdit && (
              <Button
                variant="secondary"
                className="px-3 py-1"
                onClick={() => generation.image && onEdit(generation.image, generation.prompt)}
              >
                Edit this
              </Button>
            )}
            {firstSource && (
              <Button
                variant="secondary"
                className="px-3 py-1"
                aria-pressed={comparing}
                onClick={() => setComparing((value) => !value)}
              >
                {comparing ? "Hide comparison" : "Compare with image 1"}
              </Button>
            )}
            <Link
              href={`/g/${generation.id}`}
              className="inline-flex items-center rounded-lg px-3 py-1 text-sm text-violet-700 hover:bg-violet-50"
            >
              Open
            </Link>
          </div>
        )}
        {error && running && <p className="text-xs text-amber-700">{error.message}</p>}
        {failed && generation.error && (
          <div className="space-y-2 rounded-lg bg-red-50 p-2">
            <p role="alert" className="text-red-800">
              {generation.error.message}
            </p>
            <div className="flex flex-wrap gap-2">
              <RetryButton generation={generation} onRetried={onRetried} />
              {onDismissed && (
                <DismissButton generationId={generation.id} onDismissed={() => onDismissed(generation.id)} />
              )}
            </div>
          </div>
        )}
      </div>
    </article>
  );
}
