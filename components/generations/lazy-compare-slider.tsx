"use client";

import { onDemand } from "@/components/ui/on-demand";

/**
 * The before/after slider, loaded only by a page that shows one (an edit's card once compared, an
 * edit's image page): plain generations never need it.
 */
export const LazyCompareSlider = onDemand(() =>
  import("./compare-slider").then((module) => module.CompareSlider),
);
