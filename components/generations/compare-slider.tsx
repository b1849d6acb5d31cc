"use client";

import { useId, useState } from "react";
import type { ImageView } from "@/lib/generations/view";

/**
 * Before (the first reference) over after (the result), split where the slider is. The slider is
 * a native range input, so arrow keys, Home and End work and screen readers announce the split.
 */
export function CompareSlider({
  before,
  after,
  prompt,
  aspectRatio,
}: {
  before: ImageView;
  after: ImageView;
  prompt: string;
  aspectRatio: string;
}) {
  const [split, setSplit] = useState(50);
  const id = useId();
  return (
    <div className="relative w-full select-none" style={{ aspectRatio }} data-testid="compare-slider">
      {/* biome-ignore lint/performance/noImgElement: our own owner-checked route serves these */}
      <img
        src={after.displaySrc}
        alt={`After: ${prompt}`}
        className="absolute inset-0 h-full w-full bg-cover object-cover"
        style={{ backgroundImage: `url(${after.placeholder})` }}
      />
      {/* biome-ignore lint/performance/noImgElement: our own owner-checked route serves these */}
      <img
        src={before.displaySrc}
        alt="Before: the first reference"
        className="absolute inset-0 h-full w-full bg-cover object-cover"
        style={{ backgroundImage: `url(${before.placeholder})`, clipPath: `inset(0 ${100 - split}% 0 0)` }}
      />
      <div
        aria-hidden
        className="pointer-events-none absolute inset-y-0 w-0.5 bg-white shadow-[0_0_0_1px_rgba(0,0,0,0.3)]"
        style={{ left: `${split}%` }}
      />
      <span className="pointer-events-none absolute bottom-2 left-2 rounded bg-zinc-900/70 px-1.5 py-0.5 text-xs text-white">
        Before
      </span>
      <span className="pointer-events-none absolute right-2 bottom-2 rounded bg-zinc-900/70 px-1.5 py-0.5 text-xs text-white">
        After
      </span>
      <label htmlFor={id} className="sr-only">
        Before and after: share of the image showing the original
      </label>
      <input
        id={id}
        type="range"
        min={0}
        max={100}
        value={split}
        onChange={(event) => setSplit(Number(event.target.value))}
        aria-valuetext={`${split}% before`}
        className="absolute inset-0 h-full w-full cursor-ew-resize opacity-0 focus-visible:opacity-100"
      />
    </div>
  );
}
