"use client";

import { skipToken, useQueries } from "@tanstack/react-query";
import { ImageMenuButton } from "@/components/gallery/image-menu-button";
import { batchProgress } from "@/lib/generations/batch-groups";
import { cssAspectRatio, type GenerationView, phaseLabels } from "@/lib/generations/view";
import { PROVIDER_PROFILES } from "@/lib/providers/profiles";
import { RetryButton } from "./generation-card";
import { GenerationThumbnail } from "./generation-thumbnail";
import { generationQueryKey, useGeneration } from "./use-generation";

const FAILED = new Set(["failed", "timed_out", "unknown"]);

/** One variation: polls itself, opens in the viewer and has its own menu, like a single card. */
function BatchItem({
  initial,
  onRetried,
}: {
  initial: GenerationView;
  onRetried: (next: GenerationView[]) => void;
}) {
  const { data: generation } = useGeneration(initial);
  const number = (generation.batch?.index ?? 0) + 1;
  return (
    <li
      data-generation-id={generation.id}
      data-status={generation.status}
      aria-label={`Variation ${number}`}
      className="relative scroll-mt-4 overflow-hidden rounded-lg bg-zinc-100"
      style={{ aspectRatio: cssAspectRatio(generation.aspectRatio) }}
    >
      {generation.image ? (
        <GenerationThumbnail id={generation.id} image={generation.image} prompt={generation.prompt} />
      ) : (
        <div className="flex h-full w-full flex-col items-center justify-center gap-2 p-2 text-center text-xs text-zinc-600">
          <p>
            {FAILED.has(generation.status) ? "Not made" : phaseLabels[generation.phase]}
            {generation.status === "running" && generation.progress !== null
              ? ` · ${generation.progress}%`
              : ""}
          </p>
          {FAILED.has(generation.status) && (
            <RetryButton generation={generation} onRetried={onRetried} label={`Retry variation ${number}`} />
          )}
        </div>
      )}
      <div className="absolute top-1 right-1 rounded-md bg-white/90 shadow-sm">
        <ImageMenuButton generation={generation} />
      </div>
    </li>
  );
}

/**
 * The variations of one click together: the card fills as each image arrives and says how many of
 * the batch were made, and why any was not.
 */
export function BatchCard({
  items,
  onRetried,
}: {
  items: GenerationView[];
  onRetried: (next: GenerationView[]) => void;
}) {
  // The items poll themselves; the summary reads what they fetched from the shared cache.
  const live = useQueries({
    queries: items.map((item) => ({
      queryKey: generationQueryKey(item.id),
      queryFn: skipToken,
      initialData: item,
    })),
  }).map((query, index) => query.data ?? items[index]);
  const rows = live.filter((row): row is GenerationView => row !== undefined);
  const [first] = rows;
  if (!first) return null;
  const progress = batchProgress(rows);
  return (
    <article
      aria-label={`Generation: ${first.prompt}`}
      data-batch-id={first.batch?.id}
      data-made={progress.made}
      className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm sm:col-span-2"
    >
      <ul aria-label="Variations" className="grid grid-cols-2 gap-1 p-1">
        {items.map((item) => (
          <BatchItem key={item.id} initial={item} onRetried={onRetried} />
        ))}
      </ul>
      <div className="space-y-2 p-3 text-sm">
        <p className="line-clamp-2 text-zinc-800">{first.prompt}</p>
        <p className="flex flex-wrap gap-x-3 text-xs text-zinc-500">
          <span role="status" data-testid="batch-summary" className="font-medium text-zinc-700">
            {progress.summary}
          </span>
          <span>
            {first.aspectRatio} · {first.quality === "high" ? "4K" : "2K"}
          </span>
          <span>{PROVIDER_PROFILES[first.provider].label}</span>
        </p>
        {progress.reasons.length > 0 && (
          <ul
            aria-label="Why some were not made"
            className="space-y-1 rounded-lg bg-amber-50 p-2 text-amber-900"
          >
            {progress.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        )}
      </div>
    </article>
  );
}
