"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { ActionControl, imageActionsFor } from "@/components/gallery/image-actions";
import { ImageViewerProvider, useImageViewer } from "@/components/gallery/image-viewer-provider";
import { StarToggle } from "@/components/gallery/star-toggle";
import { ViewerLink } from "@/components/gallery/viewer-link";
import type { ShareItem } from "@/components/shares/share-list";
import { SharePanel } from "@/components/shares/share-panel";
import { RelativeTime } from "@/components/ui/relative-time";
import { cssAspectRatio, type GenerationView, phaseLabels } from "@/lib/generations/view";
import { displaySrcSet } from "@/lib/media/display-size";
import { PROVIDER_PROFILES } from "@/lib/providers/profiles";
import { BatchSiblings } from "./batch-siblings";
import { ElapsedTime } from "./elapsed-time";
import { LazyCompareSlider } from "./lazy-compare-slider";
import { SourceStrip } from "./source-strip";
import { useGeneration } from "./use-generation";

type DetailProps = {
  initial: GenerationView;
  edits: { id: string; prompt: string; status: string }[];
  /** The images of its batch (itself included), in batch order; empty for a single image. */
  siblings: GenerationView[];
  shares: ShareItem[];
  shareBaseUrl: string;
};

const actionClass =
  "block w-full rounded-md px-3 py-1.5 text-left text-sm text-zinc-800 hover:bg-zinc-100 focus-visible:bg-zinc-100";

/** The image page: the result large, its sources and comparison, its settings and its chain. */
export function GenerationDetail(props: DetailProps) {
  const router = useRouter();
  const { data: generation } = useGeneration(props.initial);
  return (
    <ImageViewerProvider items={[generation]} onDeleted={() => router.push("/gallery")}>
      <DetailBody {...props} />
    </ImageViewerProvider>
  );
}

function DetailBody({ initial, edits, siblings, shares, shareBaseUrl }: DetailProps) {
  const { data: generation } = useGeneration(initial);
  const { handlersFor } = useImageViewer();
  const sources = generation.sources ?? initial.sources ?? [];
  const firstSource = sources[0]?.image;
  const editedFrom = sources.find((source) => source.fromGenerationId)?.fromGenerationId;
  const { image } = generation;
  return (
    <article
      aria-label={`Generation: ${generation.prompt}`}
      data-status={generation.status}
      data-generation-id={generation.id}
      className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]"
    >
      <div className="self-start overflow-hidden rounded-xl border border-zinc-200 bg-zinc-100">
        {image && firstSource ? (
          <LazyCompareSlider
            before={firstSource}
            after={image}
            prompt={generation.prompt}
            aspectRatio={cssAspectRatio(generation.aspectRatio)}
          />
        ) : image ? (
          <ViewerLink id={generation.id} label={`View larger: ${generation.prompt}`} className="block">
            {/* biome-ignore lint/performance/noImgElement: our own owner-checked route serves these */}
            <img
              src={image.displaySrc}
              srcSet={displaySrcSet(image)}
              sizes="(min-width: 72rem) 48rem, 100vw"
              // The page's largest paint: fetched before the scripts that hydrate around it.
              fetchPriority="high"
              alt={generation.prompt}
              width={image.width}
              height={image.height}
              className="h-auto w-full bg-cover"
              style={{ backgroundImage: `url(${image.placeholder})` }}
            />
          </ViewerLink>
        ) : (
          <div
            className="flex w-full items-center justify-center text-sm text-zinc-600"
            style={{ aspectRatio: cssAspectRatio(generation.aspectRatio) }}
            role="status"
          >
            {phaseLabels[generation.phase]}
            {generation.progress !== null && generation.status === "running"
              ? ` · ${generation.progress}%`
              : ""}
          </div>
        )}
      </div>
      <div className="space-y-5 text-sm">
        <div className="flex items-start gap-2">
          <h1 className="flex-1 text-lg font-semibold break-words whitespace-pre-wrap">
            {generation.prompt}
          </h1>
          <StarToggle generation={generation} />
        </div>
        {generation.error && (
          <p role="alert" className="rounded-lg bg-red-50 p-2 text-red-800">
            {generation.error.message}
          </p>
        )}
        <dl className="grid grid-cols-[8rem_1fr] gap-y-1 text-zinc-700">
          <dt className="text-zinc-500">Status</dt>
          <dd>{phaseLabels[generation.phase]}</dd>
          <dt className="text-zinc-500">Mode</dt>
          <dd>{generation.mode === "edit" ? `Edit · ${sources.length} reference(s)` : "Text to image"}</dd>
          <dt className="text-zinc-500">Host</dt>
          <dd>{PROVIDER_PROFILES[generation.provider].label}</dd>
          {generation.batch && (
            <>
              <dt className="text-zinc-500">Variation</dt>
              <dd>
                {generation.batch.index + 1} of {generation.batch.size}
              </dd>
            </>
          )}
          <dt className="text-zinc-500">Aspect ratio</dt>
          <dd>{generation.aspectRatio}</dd>
          <dt className="text-zinc-500">Quality</dt>
          <dd>{generation.quality === "high" ? "High (4K)" : "Basic (2K)"}</dd>
          {image && (
            <>
              <dt className="text-zinc-500">Size</dt>
              <dd>
                {image.width} × {image.height}
              </dd>
            </>
          )}
          <dt className="text-zinc-500">Cost</dt>
          <dd>{generation.costCredits} credits</dd>
          <dt className="text-zinc-500">Created</dt>
          <dd>
            <RelativeTime iso={generation.createdAt} />
          </dd>
          <dt className="text-zinc-500">Took</dt>
          <dd>
            <ElapsedTime from={generation.createdAt} until={generation.completedAt} />
          </dd>
        </dl>
        <BatchSiblings current={generation.id} siblings={siblings} />
        {sources.length > 0 && (
          <section aria-labelledby="sources-heading" className="space-y-2">
            <h2 id="sources-heading" className="font-medium">
              Sources
            </h2>
            <SourceStrip sources={sources} size="lg" />
            {editedFrom && (
              <p>
                <Link href={`/g/${editedFrom}`} className="text-violet-700 underline">
                  Edited from an earlier result
                </Link>
              </p>
            )}
          </section>
        )}
        {edits.length > 0 && (
          <section aria-labelledby="edits-heading" className="space-y-2">
            <h2 id="edits-heading" className="font-medium">
              Edits made from this image
            </h2>
            <ul className="list-disc space-y-1 pl-5">
              {edits.map((edit) => (
                <li key={edit.id}>
                  <Link href={`/g/${edit.id}`} className="text-violet-700 underline">
                    {edit.prompt}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        )}
        <section aria-label="Actions" className="rounded-lg border border-zinc-200 bg-white p-1">
          <ul className="space-y-0.5">
            {imageActionsFor(generation, handlersFor(generation))
              .filter((action) => action.id !== "star" && action.id !== "share")
              .map((action) => (
                <li key={action.id}>
                  <ActionControl action={action} className={actionClass} />
                </li>
              ))}
          </ul>
        </section>
        {generation.status === "succeeded" && (
          <div id="share" className="scroll-mt-4">
            <SharePanel
              generationId={generation.id}
              prompt={generation.prompt}
              shareBaseUrl={shareBaseUrl}
              initial={shares}
            />
          </div>
        )}
      </div>
    </article>
  );
}
