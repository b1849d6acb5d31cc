"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ImageViewerProvider } from "@/components/gallery/image-viewer-provider";
import { BatchCard } from "@/components/generations/batch-card";
import { GenerationCard } from "@/components/generations/generation-card";
import { PageDropZone, usePastedImages } from "@/components/references/page-drop-zone";
import { takeDroppedFiles } from "@/components/references/pending-drops";
import { useReferenceTray } from "@/components/references/use-reference-tray";
import type { Allowance } from "@/lib/billing/allowance";
import { wholeGroups } from "@/lib/generations/batch-groups";
import type { GenerationView, ImageView } from "@/lib/generations/view";
import { Composer, type RemixSettings } from "./composer";

/** What the studio keeps on screen; everything older is in the gallery. */
const RECENT_LIMIT = 12;

export function Studio({
  userId,
  initial,
  allowance,
  initialReferences,
  remix,
  notice,
  simulated,
  unreachableWarning,
}: {
  userId: string;
  initial: GenerationView[];
  allowance: Allowance;
  initialReferences: { image: ImageView; name: string }[];
  /** Settings of the generation being remixed, which replace the composer's. */
  remix: RemixSettings | null;
  notice: string | null;
  simulated: boolean;
  unreachableWarning: string | null;
}) {
  const [generations, setGenerations] = useState(initial);
  const tray = useReferenceTray(userId, initialReferences, { replaceStored: remix !== null });
  const prompt = useRef<HTMLTextAreaElement>(null);
  const { addFiles, addExisting } = tray;
  const onFiles = useCallback((files: File[]) => void addFiles(files), [addFiles]);
  usePastedImages(onFiles);
  useEffect(() => {
    // Images dropped on another page arrive with the navigation here.
    const dropped = takeDroppedFiles();
    if (dropped.length > 0) void addFiles(dropped);
  }, [addFiles]);
  useEffect(() => {
    // "Edit this" and "Remix" arrive as ?reference=… or ?remix=…; consumed once, so a reload does not add it again.
    if (/[?&](reference|remix)=/.test(window.location.search))
      window.history.replaceState(window.history.state, "", "/");
  }, []);

  const [announcement, setAnnouncement] = useState("");
  const [scrollTo, setScrollTo] = useState<string | null>(null);
  const recentPrompts = useMemo(() => [...new Set(generations.map((g) => g.prompt))], [generations]);
  const prepend = (batch: GenerationView[]) =>
    setGenerations((current) => {
      const ids = new Set(batch.map((g) => g.id));
      return [...batch, ...current.filter((g) => !ids.has(g.id))].slice(0, RECENT_LIMIT);
    });
  const started = (batch: GenerationView[]) => {
    const [first] = batch;
    if (!first) return;
    prepend(batch);
    // Above the docked composer on a phone the new card may be out of sight: bring it in, and say so.
    setScrollTo(first.id);
    setAnnouncement(`Started: ${first.prompt.slice(0, 80)}. It is first in Recent results.`);
  };
  const dismiss = (id: string) => setGenerations((current) => current.filter((g) => g.id !== id));
  useEffect(() => {
    if (!scrollTo) return;
    document.querySelector(`[data-generation-id="${scrollTo}"]`)?.scrollIntoView({ block: "start" });
    setScrollTo(null);
  }, [scrollTo]);
  const editThis = (image: ImageView, name: string) => {
    addExisting(image, name);
    prompt.current?.focus();
  };
  return (
    <div className="grid gap-8 max-lg:gap-4 max-lg:pb-56 lg:grid-cols-[minmax(0,26rem)_1fr] lg:items-start">
      <h1 className="sr-only">Create an image</h1>
      <PageDropZone onFiles={onFiles} />
      <p role="status" className="sr-only">
        {announcement}
      </p>
      <section
        aria-label="Composer"
        className="space-y-3 lg:sticky lg:top-4 lg:max-h-[calc(100vh-8rem)] lg:overflow-y-auto lg:p-1"
      >
        {notice && (
          <p role="status" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
            {notice}
          </p>
        )}
        <Composer
          allowance={allowance}
          simulated={simulated}
          tray={tray}
          unreachableWarning={unreachableWarning}
          initial={remix}
          onCreated={started}
          promptRef={prompt}
          recentPrompts={recentPrompts}
          showExamples={generations.length === 0}
        />
      </section>
      <ImageViewerProvider
        items={generations}
        onEdit={editThis}
        onDeleted={(ids) => setGenerations((current) => current.filter((g) => !ids.includes(g.id)))}
      >
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="mb-4 text-lg font-semibold">
            Recent results
          </h2>
          {generations.length === 0 ? (
            <p className="rounded-xl border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-500">
              Your images will appear here. Write a prompt and press Generate, or drop images here to edit
              them.
            </p>
          ) : (
            <>
              {/* items-start: a card is as tall as its own image, not its row's tallest. */}
              <div className="grid items-start gap-4 sm:grid-cols-2">
                {wholeGroups(generations).map(({ key, items: [generation, ...more] }) =>
                  !generation ? null : more.length > 0 || generation.batch ? (
                    <BatchCard key={key} items={[generation, ...more]} onRetried={started} />
                  ) : (
                    <GenerationCard
                      key={key}
                      initial={generation}
                      onRetried={started}
                      onEdit={editThis}
                      onDismissed={dismiss}
                    />
                  ),
                )}
              </div>
              <p className="mt-6 text-center text-sm">
                <Link href="/gallery" className="font-medium text-violet-700 underline">
                  See all your images
                </Link>
              </p>
            </>
          )}
        </section>
      </ImageViewerProvider>
    </div>
  );
}
