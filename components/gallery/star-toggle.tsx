"use client";

import type { GenerationView } from "@/lib/generations/view";
import { useImageViewer } from "./image-viewer-provider";

/** The star beside an image: pressed state from the shared cache, the change through the page's provider. */
export function StarToggle({
  generation,
  className = "px-2 py-1",
}: {
  generation: GenerationView;
  className?: string;
}) {
  const { star } = useImageViewer();
  return (
    <button
      type="button"
      aria-pressed={generation.starred}
      aria-label="Star"
      title={generation.starred ? "Starred: click to unstar (S)" : "Star (S)"}
      onClick={() => star(generation.id, !generation.starred)}
      className={`rounded-md text-lg leading-none ${className} ${generation.starred ? "text-amber-500" : "text-zinc-400 hover:text-zinc-700"}`}
    >
      {generation.starred ? "★" : "☆"}
    </button>
  );
}
