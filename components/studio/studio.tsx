"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ImageViewerProvider } from "@/components/gallery/image-viewer-provider";
import { GenerationCard } from "@/components/generations/generation-card";
import { PageDropZone, usePastedImages } from "@/components/references/page-drop-zone";
import { takeDroppedFiles } from "@/components/references/pending-drops";
import { useReferenceTray } from "@/components/references/use-reference-tray";
import type { Allowance } from "@/lib/billing/allowance";
import type { GenerationView, ImageView } from "@/lib/generations/view";
import { Composer, type RemixSettings } from "./composer";

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
    if (/[?&](reference|remix)=/.test(window.location.search)) window.history.replaceState(null, "", "/");
  }, []);

  const prepend = (generation: GenerationView) =>
    setGenerations((current) => [generation, ...current.filter((g) => g.id !== generation.id)]);
  const editThis = (image: ImageView, name: string) => {
    addExisting(image, name);
    prompt.current?.focus();
  };
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,26rem)_1fr]">
      <PageDropZone onFiles={onFiles} />
      <section aria-label="Composer" className="space-y-3">
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
          onCreated={prepend}
          promptRef={prompt}
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
            <div className="grid gap-4 sm:grid-cols-2">
              {generations.map((generation) => (
                <GenerationCard
                  key={generation.id}
                  initial={generation}
                  onRetried={prepend}
                  onEdit={editThis}
                />
              ))}
            </div>
          )}
        </section>
      </ImageViewerProvider>
    </div>
  );
}
