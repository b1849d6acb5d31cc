"use client";

import type { GenerationView } from "@/lib/generations/view";
import { useImageViewer } from "./image-viewer-provider";

/** The "⋯" that opens the page's one actions menu for this image. */
export function ImageMenuButton({ generation }: { generation: GenerationView }) {
  const { openMenu, menuOpenFor } = useImageViewer();
  return (
    <button
      type="button"
      aria-label="Actions"
      aria-haspopup="menu"
      aria-expanded={menuOpenFor === generation.id}
      onClick={(event) => openMenu(generation, event.currentTarget)}
      className="rounded-md px-2 py-0.5 text-zinc-600 hover:bg-zinc-100"
    >
      <span aria-hidden>⋯</span>
    </button>
  );
}
