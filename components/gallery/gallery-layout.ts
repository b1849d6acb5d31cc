import type { GenerationView } from "@/lib/generations/view";

// The gallery's column arithmetic, shared by the page (which guesses the list's width on the
// server) and the grid (which measures it). No "use client": a server component calls it.

export const GAP = 16;

/** The list's width on a desktop: main's max-w-6xl (1152 px) less its px-4 on each side. */
export const DESKTOP_LIST_WIDTH = 1120;
const MAIN_MAX_WIDTH = 1152;
const MAIN_PADDING = 32;

/**
 * How wide the list will be in a window this wide (app/(studio)/layout.tsx's <main>), or the
 * desktop's width when the browser has not said. Only a guess: the grid measures the real one.
 */
export function listWidthForViewport(viewportWidth: number | null): number {
  if (viewportWidth === null) return DESKTOP_LIST_WIDTH;
  return Math.min(viewportWidth, MAIN_MAX_WIDTH) - MAIN_PADDING;
}

/** Columns for a list this wide: two on a phone, five on a desktop. */
export const lanesFor = (width: number) => (width < 560 ? 2 : width < 800 ? 3 : width < 1000 ? 4 : 5);

/** A column's width in CSS: exact whatever the list measures, before any script has run. */
export const columnWidthCss = (lanes: number) => `calc((100% - ${GAP * (lanes - 1)}px) / ${lanes})`;

/** The left edge of a column as a shift by whole tile widths (a translate's % is the tile's own). */
export const columnOffsetCss = (lane: number) => `calc(${lane} * (100% + ${GAP}px))`;

/** An image's shape, from the image when there is one, else from the ratio it was asked for. */
export function shapeOf(generation: GenerationView): { width: number; height: number } {
  if (generation.image) return { width: generation.image.width, height: generation.image.height };
  const [width, height] = generation.aspectRatio.split(":").map(Number);
  return width && height ? { width, height } : { width: 1, height: 1 };
}
