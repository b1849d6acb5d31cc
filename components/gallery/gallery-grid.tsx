"use client";

import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { BatchTileState } from "@/lib/generations/batch-groups";
import type { GenerationView } from "@/lib/generations/view";
import { GAP, lanesFor, shapeOf } from "./gallery-layout";
import { GalleryTile, TILE_CAPTION_PX } from "./gallery-tile";

/** A tile's border, top and bottom (and left and right: its image is this much narrower than its column). */
const BORDERS_PX = 2;

const NO_BATCHES: ReadonlyMap<string, BatchTileState> = new Map();

const typing = (target: EventTarget) =>
  target instanceof HTMLInputElement && target.type !== "checkbox" && target.type !== "radio";

/**
 * Masonry: each tile goes under the shortest column, at its own height, so nothing is cropped and
 * no row is ragged. Only the tiles near the window are in the page (hundreds of images cost what
 * a screenful does); heights are computed from the aspect ratio, never measured. Arrow keys move
 * focus between tiles: ←/→ in the list's order, ↑/↓ within a column.
 */
export function GalleryGrid({
  items,
  initialWidth,
  batches = NO_BATCHES,
  selected,
  onSelect,
  onToggleBatch,
}: {
  items: readonly GenerationView[];
  /**
   * The list's width as the server guessed it (from the browser's hint): the first render lays out
   * for it, so the HTML painted before any script runs already has the device's columns.
   */
  initialWidth: number;
  /** By the id of a batch's cover: how many the batch holds and whether all are shown. */
  batches?: ReadonlyMap<string, BatchTileState>;
  selected: ReadonlySet<string>;
  /** Stable (a tile does not render again when the grid does). */
  onSelect: (id: string, on: boolean) => void;
  onToggleBatch?: (batchId: string) => void;
}) {
  const list = useRef<HTMLUListElement>(null);
  const [width, setWidth] = useState(initialWidth);
  const [scrollMargin, setScrollMargin] = useState(0);
  const lanes = lanesFor(width);
  const columnWidth = (width - GAP * (lanes - 1)) / lanes;
  // The image box keeps its shape in CSS inside the tile's borders: the same height, computed here.
  const imageHeight = (index: number) => {
    const item = items[index];
    const shape = item ? shapeOf(item) : { width: 1, height: 1 };
    return Math.round(((columnWidth - BORDERS_PX) * shape.height) / shape.width);
  };

  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      setWidth(element.clientWidth);
      setScrollMargin(element.getBoundingClientRect().top + window.scrollY);
    });
    observer.observe(element);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);

  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: (index) => imageHeight(index) + TILE_CAPTION_PX + BORDERS_PX,
    getItemKey: (index) => items[index]?.id ?? index,
    lanes,
    gap: GAP,
    overscan: 4,
    scrollMargin,
    initialRect: { width: initialWidth, height: 900 },
  });
  // Heights follow the column width: lay the tiles out again when it changes (not when the first
  // render's guess was right, which is what lets hydration leave every tile where it was).
  const laidOutFor = useRef(columnWidth);
  useEffect(() => {
    if (columnWidth <= 0 || laidOutFor.current === columnWidth) return;
    laidOutFor.current = columnWidth;
    virtualizer.measure();
  }, [virtualizer, columnWidth]);

  // Only the latest arrow press may move focus: a far tile waited for over a few frames must not
  // take focus back from one a quicker press reached meanwhile.
  const focusRequest = useRef(0);
  const focusTile = (index: number) => {
    const request = ++focusRequest.current;
    virtualizer.scrollToIndex(index, { align: "auto" });
    let frames = 0;
    const attempt = () => {
      if (request !== focusRequest.current) return;
      const link = list.current?.querySelector<HTMLElement>(`li[data-index="${index}"] [data-viewer-link]`);
      if (link) link.focus();
      else if (frames++ < 20) requestAnimationFrame(attempt);
    };
    // A tile already in the page takes focus now, so the next key press starts from it.
    attempt();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (typing(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
    const tile = (event.target as HTMLElement).closest<HTMLElement>("li[data-index]");
    if (!tile) return;
    const index = Number(tile.dataset.index);
    const measurements = virtualizer.measurementsCache;
    const lane = measurements[index]?.lane;
    const sameLane = (step: 1 | -1) => {
      for (let i = index + step; i >= 0 && i < measurements.length; i += step) {
        if (measurements[i]?.lane === lane) return i;
      }
      return undefined;
    };
    const target =
      event.key === "ArrowLeft"
        ? index - 1
        : event.key === "ArrowRight"
          ? index + 1
          : event.key === "ArrowUp"
            ? sameLane(-1)
            : event.key === "ArrowDown"
              ? sameLane(1)
              : event.key === "Home"
                ? 0
                : event.key === "End"
                  ? items.length - 1
                  : undefined;
    if (target === undefined) return;
    event.preventDefault();
    if (target >= 0 && target < items.length) focusTile(target);
  };

  return (
    <ul
      ref={list}
      aria-label="Images"
      onKeyDown={onKeyDown}
      className="relative w-full"
      style={{ height: virtualizer.getTotalSize() }}
    >
      {virtualizer.getVirtualItems().map((row) => {
        const generation = items[row.index];
        if (!generation) return null;
        return (
          <GalleryTile
            key={generation.id}
            initial={generation}
            index={row.index}
            total={items.length}
            lane={row.lane}
            lanes={lanes}
            top={Math.round(row.start - scrollMargin)}
            selected={selected.has(generation.id)}
            onSelect={onSelect}
            batch={batches.get(generation.id)}
            onToggleBatch={onToggleBatch}
          />
        );
      })}
    </ul>
  );
}
