"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useGeneration } from "@/components/generations/use-generation";
import { cssAspectRatio, type GenerationView, phaseLabels } from "@/lib/generations/view";
import { displaySrcSet } from "@/lib/media/display-size";
import { ActionControl, type ImageActionHandlers, imageActionsFor } from "./image-actions";

const ZOOMS = [1, 2, 4] as const;
const toolClass =
  "rounded-md px-2.5 py-1.5 text-sm text-zinc-100 hover:bg-white/15 focus-visible:outline-2 focus-visible:outline-white";

/**
 * The in-page viewer: the image as large as the window allows, ←/→ through the list it was opened
 * from, zoom, and every action. A modal <dialog>, so focus stays inside and returns on close.
 */
export function Lightbox({
  initial,
  position,
  onPrevious,
  onNext,
  onClose,
  handlers,
}: {
  initial: GenerationView;
  position: { index: number; total: number } | null;
  onPrevious?: () => void;
  onNext?: () => void;
  onClose: () => void;
  handlers: ImageActionHandlers;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { data: generation } = useGeneration(initial);
  // Zoom belongs to one image: stepping to the next starts it at fit.
  const [zoomOf, setZoomOf] = useState<{ id: string; zoom: (typeof ZOOMS)[number] }>({
    id: initial.id,
    zoom: 1,
  });
  const { image } = generation;

  // Closed before it leaves the page, so the browser hands focus back to what opened it.
  useLayoutEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    const root = document.documentElement;
    const overflow = root.style.overflow;
    root.style.overflow = "hidden";
    return () => {
      element?.close();
      root.style.overflow = overflow;
    };
  }, []);
  // The page's title names the image while it is open, as /g/{id} does.
  useEffect(() => {
    const before = document.title;
    document.title = `${generation.prompt.slice(0, 80)} · Seedream Studio`;
    return () => {
      document.title = before;
    };
  }, [generation.prompt]);
  const zoom = zoomOf.id === generation.id ? zoomOf.zoom : 1;
  const setZoom = (next: (typeof ZOOMS)[number]) => setZoomOf({ id: generation.id, zoom: next });
  const zoomBy = (step: 1 | -1) =>
    setZoom(ZOOMS[Math.max(0, Math.min(ZOOMS.length - 1, ZOOMS.indexOf(zoom) + step))] ?? 1);
  const actions = imageActionsFor(generation, handlers).filter((action) => action.id !== "open");

  return (
    <dialog
      ref={dialog}
      aria-label={`Viewer: ${generation.prompt}`}
      data-generation-id={generation.id}
      className="m-0 h-dvh max-h-none w-dvw max-w-none bg-zinc-950/95 p-0 text-zinc-100 backdrop:bg-zinc-950/80"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={(event) => {
        if (event.target instanceof HTMLInputElement) return;
        if (event.key === "ArrowLeft" && onPrevious) onPrevious();
        else if (event.key === "ArrowRight" && onNext) onNext();
        else if (event.key === "+" || event.key === "=") zoomBy(1);
        else if (event.key === "-") zoomBy(-1);
        else return;
        event.preventDefault();
      }}
    >
      <div className="flex h-full flex-col">
        <div
          className="flex flex-wrap items-center gap-1 px-3 py-2"
          role="toolbar"
          aria-label="Image actions"
        >
          <span className="mr-auto px-2 text-sm text-zinc-400" aria-live="polite">
            {position ? `${position.index + 1} of ${position.total}` : ""}
          </span>
          <button
            type="button"
            className={toolClass}
            aria-pressed={generation.starred}
            aria-label="Star"
            onClick={handlers.star}
          >
            {generation.starred ? "★" : "☆"}
          </button>
          <button type="button" className={toolClass} onClick={() => zoomBy(-1)} disabled={zoom === 1}>
            Zoom out
          </button>
          <button type="button" className={toolClass} onClick={() => zoomBy(1)} disabled={zoom === 4}>
            Zoom in
          </button>
          {actions
            .filter((action) => action.id !== "star")
            .map((action) => (
              <ActionControl key={action.id} action={action} className={toolClass} />
            ))}
          <button type="button" className={toolClass} onClick={onClose} aria-label="Close viewer">
            ✕
          </button>
        </div>
        <div className="relative min-h-0 flex-1">
          <div
            className={`h-full w-full ${zoom > 1 ? "overflow-auto" : "flex items-center justify-center overflow-hidden p-2"}`}
            data-testid="viewer-stage"
            data-zoom={zoom}
          >
            {image ? (
              // biome-ignore lint/performance/noImgElement: our own owner-checked route serves these
              <img
                key={image.id}
                // A sized copy fills a screen (a phone's is the medium one); zooming in asks for the
                // full-size original.
                src={zoom > 1 ? image.src : image.displaySrc}
                srcSet={zoom > 1 ? undefined : displaySrcSet(image)}
                sizes="100vw"
                alt={generation.prompt}
                width={image.width}
                height={image.height}
                onDoubleClick={() => setZoom(zoom === 1 ? 2 : 1)}
                className={
                  zoom > 1
                    ? "max-w-none cursor-zoom-out"
                    : "max-h-full max-w-full cursor-zoom-in object-contain"
                }
                style={{
                  ...(zoom > 1
                    ? { width: `${zoom * 100}%`, height: "auto" }
                    : { aspectRatio: cssAspectRatio(generation.aspectRatio) }),
                  backgroundImage: `url(${image.thumbnailSrc})`,
                  backgroundSize: "cover",
                }}
              />
            ) : (
              <p role="status" className="text-sm text-zinc-300">
                {phaseLabels[generation.phase]}
              </p>
            )}
          </div>
          {onPrevious && (
            <button
              type="button"
              onClick={onPrevious}
              aria-label="Previous image"
              className="absolute top-1/2 left-2 -translate-y-1/2 rounded-full bg-black/50 px-3 py-2 text-xl hover:bg-black/70"
            >
              ←
            </button>
          )}
          {onNext && (
            <button
              type="button"
              onClick={onNext}
              aria-label="Next image"
              className="absolute top-1/2 right-2 -translate-y-1/2 rounded-full bg-black/50 px-3 py-2 text-xl hover:bg-black/70"
            >
              →
            </button>
          )}
        </div>
        <p className="line-clamp-2 px-4 py-3 text-center text-sm text-zinc-300">{generation.prompt}</p>
      </div>
    </dialog>
  );
}
