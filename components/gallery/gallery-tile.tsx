"use client";

import { memo } from "react";
import { ThumbnailImage } from "@/components/generations/generation-thumbnail";
import { useGeneration } from "@/components/generations/use-generation";
import { RelativeTime } from "@/components/ui/relative-time";
import type { BatchTileState } from "@/lib/generations/batch-groups";
import { type GenerationView, phaseLabels } from "@/lib/generations/view";
import { columnOffsetCss, columnWidthCss, shapeOf } from "./gallery-layout";
import { ImageMenuButton } from "./image-menu-button";
import { StarToggle } from "./star-toggle";
import { ViewerLink } from "./viewer-link";

/** Height of a tile below its image: fixed, so a tile's height is known before it renders. */
export const TILE_CAPTION_PX = 72;

const statusTone: Record<string, string> = {
  failed: "bg-red-100 text-red-800",
  timed_out: "bg-red-100 text-red-800",
  unknown: "bg-amber-100 text-amber-800",
};

interface TileActions {
  selected: boolean;
  onSelect: (id: string, selected: boolean) => void;
  /** This tile leads a batch: the badge shows or hides its other images. */
  batch?: BatchTileState;
  onToggleBatch?: (batchId: string) => void;
}

/**
 * One image in the grid, placed by the grid: its column in CSS (exact whatever the list's width,
 * before any script runs), its top in pixels. Its box is sized before the thumbnail arrives (no
 * layout shift). A running generation keeps polling here, so it turns into its image without a
 * reload. When the list's width changes only this shell renders again, not what is inside.
 */
export const GalleryTile = memo(function GalleryTile({
  initial,
  index,
  total,
  lane,
  lanes,
  top,
  ...actions
}: TileActions & {
  initial: GenerationView;
  index: number;
  total: number;
  lane: number;
  lanes: number;
  top: number;
}) {
  const { data: generation } = useGeneration(initial);
  return (
    <li
      data-generation-id={generation.id}
      data-index={index}
      data-status={generation.status}
      aria-label={generation.prompt}
      aria-setsize={total}
      aria-posinset={index + 1}
      style={{ width: columnWidthCss(lanes), transform: `translate(${columnOffsetCss(lane)}, ${top}px)` }}
      className={`absolute top-0 left-0 overflow-hidden rounded-xl border bg-white ${actions.selected ? "border-violet-600 ring-2 ring-violet-600" : "border-zinc-200"}`}
    >
      <TileContent generation={generation} lazy={index >= 10} {...actions} />
    </li>
  );
});

/** What a tile shows; its image box keeps the image's shape in CSS, so no width is passed in. */
const TileContent = memo(function TileContent({
  generation,
  lazy,
  selected,
  onSelect,
  batch,
  onToggleBatch,
}: TileActions & { generation: GenerationView; lazy: boolean }) {
  const { image } = generation;
  const shape = shapeOf(generation);
  // Without an image the link shows its status, and a link's name must contain what it shows.
  const shown = image
    ? ""
    : `${phaseLabels[generation.phase]}${generation.status === "running" && generation.progress !== null ? ` · ${generation.progress}%` : ""}`;
  return (
    <>
      <div
        className="relative w-full bg-zinc-100"
        style={{ aspectRatio: `${shape.width} / ${shape.height}` }}
      >
        <ViewerLink
          id={generation.id}
          label={image ? `Open: ${generation.prompt}` : `${shown}. Open: ${generation.prompt}`}
          className="block h-full w-full"
        >
          {image ? (
            // The first screenful loads at once (the largest paint is one of them); the virtual list
            // keeps tiles far from the window out of the page, the rest wait for the browser.
            <ThumbnailImage image={image} prompt={generation.prompt} lazy={lazy} />
          ) : (
            <span className="flex h-full w-full items-center justify-center p-3 text-center text-xs text-zinc-500">
              {shown}
            </span>
          )}
        </ViewerLink>
        <input
          type="checkbox"
          checked={selected}
          onChange={(event) => onSelect(generation.id, event.target.checked)}
          aria-label={`Select: ${generation.prompt}`}
          className="absolute top-2 left-2 h-6 w-6 accent-violet-700"
        />
        {batch && onToggleBatch && (
          <button
            type="button"
            aria-expanded={batch.expanded}
            aria-label={
              batch.expanded
                ? `Show only the first of ${batch.count} variations`
                : `Show all ${batch.count} variations`
            }
            onClick={() => onToggleBatch(batch.batchId)}
            className="absolute top-2 right-2 rounded-full bg-zinc-900/80 px-2 py-0.5 text-xs font-medium text-white hover:bg-zinc-900"
          >
            {batch.expanded ? "−" : `+${batch.count - 1}`}
          </button>
        )}
      </div>
      <div className="flex flex-col gap-1 px-2.5 py-2 text-sm" style={{ height: TILE_CAPTION_PX }}>
        <p className="truncate" title={generation.prompt}>
          {generation.prompt}
        </p>
        <div className="flex items-center gap-1.5 text-xs text-zinc-500">
          {generation.status !== "succeeded" && (
            <span
              className={`truncate rounded px-1.5 py-0.5 ${statusTone[generation.status] ?? "bg-zinc-100 text-zinc-700"}`}
            >
              {phaseLabels[generation.phase]}
            </span>
          )}
          {generation.mode === "edit" && (
            <span className="rounded bg-violet-100 px-1.5 py-0.5 text-violet-800">Edit</span>
          )}
          <RelativeTime iso={generation.createdAt} className="truncate" />
          <span className="ml-auto flex shrink-0 items-center">
            <StarToggle generation={generation} className="px-1.5 py-0.5" />
            <ImageMenuButton generation={generation} />
          </span>
        </div>
      </div>
    </>
  );
});
