"use client";

import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { GenerationView } from "@/lib/generations/view";
import { GalleryTile, TILE_CAPTION_PX } from "./gallery-tile";

const GAP = 16;

export interface BatchTileState {
  batchId: string;
  count: number;
  expanded: boolean;
}
// What the server and the first render assume (main's width on a desktop); measured right after.
const ASSUMED_WIDTH = 1120;

/** Columns for a list this wide: two on a phone, five on a desktop. */
const lanesFor = (width: number) => (width < 560 ? 2 : width < 800 ? 3 : width < 1000 ? 4 : 5);

function heightOverWidth(generation: GenerationView): number {
  if (generation.image) return generation.image.height / generation.image.width;
  const [w, h] = generation.aspectRatio.split(":").map(Number);
  return w && h ? h / w : 1;
}

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
  batches = new Map(),
  selected,
  onSelect,
  onToggleBatch,
}: {
  items: readonly GenerationView[];
  /** By the id of a batch's first image: how many the batch holds and whether all are shown. */
  batches?: ReadonlyMap<string, BatchTileState>;
  selected: ReadonlySet<string>;
  onSelect: (id: string, on: boolean) => void;
  onToggleBatch?: (batchId: string) => void;
}) {
  const list = useRef<HTMLUListElement>(null);
  const [width, setWidth] = useState(ASSUMED_WIDTH);
  const [scrollMargin, setScrollMargin] = useState(0);
  const lanes = lanesFor(width);
  const columnWidth = (width - GAP * (lanes - 1)) / lanes;
  const imageHeight = (index: number) => {
    const item = items[index];
    return item ? Math.round(columnWidth * heightOverWidth(item)) : columnWidth;
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
    estimateSize: (index) => imageHeight(index) + TILE_CAPTION_PX + 2,
    getItemKey: (index) => items[index]?.id ?? index,
    lanes,
    gap: GAP,
    overscan: 4,
    scrollMargin,
    initialRect: { width: ASSUMED_WIDTH, height: 900 },
  });
  // Heights follow the column width: lay the tiles out again when it changes.
  useEffect(() => {
    if (columnWidth > 0) virtualizer.measure();
  }, [virtualizer, columnWidth]);

  const focusTile = (index: number) => {
    virtualizer.scrollToIndex(index, { align: "auto" });
    let frames = 0;
    const attempt = () => {
      const link = list.current?.querySelector<HTMLElement>(`li[data-index="${index}"] [data-viewer-link]`);
      if (link) link.focus();
      else if (frames++ < 20) requestAnimationFrame(attempt);
    };
    requestAnimationFrame(attempt);
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
            imageHeight={imageHeight(row.index)}
            selected={selected.has(generation.id)}
            onSelect={(on) => onSelect(generation.id, on)}
            batch={batches.get(generation.id)}
            onToggleBatch={onToggleBatch}
            style={{
              width: columnWidth,
              transform: `translate(${row.lane * (columnWidth + GAP)}px, ${row.start - scrollMargin}px)`,
            }}
          />
        );
      })}
    </ul>
  );
}
