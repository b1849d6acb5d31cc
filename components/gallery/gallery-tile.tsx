"use client";

import Link from "next/link";
import { ThumbnailImage } from "@/components/generations/generation-thumbnail";
import { useGeneration } from "@/components/generations/use-generation";
import { cssAspectRatio, type GenerationView, phaseLabels } from "@/lib/generations/view";
import { ActionsMenu } from "./actions-menu";
import { ImageActions } from "./image-actions";
import { StarButton } from "./star-button";

const statusTone: Record<string, string> = {
  succeeded: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
  timed_out: "bg-red-100 text-red-800",
  unknown: "bg-amber-100 text-amber-800",
};

/**
 * One image in the grid, at its own aspect ratio before the thumbnail arrives (no layout shift).
 * A running generation keeps polling here, so it turns into its image without a reload.
 */
export function GalleryTile({
  initial,
  selected,
  onSelect,
  onDeleted,
}: {
  initial: GenerationView;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onDeleted: (id: string) => void;
}) {
  const { data: generation } = useGeneration(initial);
  const { image } = generation;
  const aspectRatio = image ? `${image.width} / ${image.height}` : cssAspectRatio(generation.aspectRatio);
  // Without an image the link shows its status, and a link's name must contain what it shows.
  const shown = image
    ? ""
    : `${phaseLabels[generation.phase]}${generation.status === "running" && generation.progress !== null ? ` · ${generation.progress}%` : ""}`;
  return (
    <li
      data-generation-id={generation.id}
      data-status={generation.status}
      aria-label={generation.prompt}
      className={`rounded-xl border bg-white ${selected ? "border-violet-600 ring-2 ring-violet-600" : "border-zinc-200"}`}
    >
      <div className="relative w-full overflow-hidden rounded-t-xl bg-zinc-100" style={{ aspectRatio }}>
        <Link
          href={`/g/${generation.id}`}
          className="block h-full w-full"
          aria-label={image ? `Open: ${generation.prompt}` : `${shown}. Open: ${generation.prompt}`}
        >
          {image ? (
            <ThumbnailImage image={image} prompt={generation.prompt} lazy />
          ) : (
            <span className="flex h-full w-full items-center justify-center p-3 text-center text-xs text-zinc-500">
              {shown}
            </span>
          )}
        </Link>
        <input
          type="checkbox"
          checked={selected}
          onChange={(event) => onSelect(event.target.checked)}
          aria-label={`Select: ${generation.prompt}`}
          className="absolute top-2 left-2 h-6 w-6 accent-violet-700"
        />
      </div>
      <div className="space-y-1.5 p-2.5 text-sm">
        <p className="line-clamp-2 break-words">{generation.prompt}</p>
        <div className="flex items-center gap-1.5 text-xs text-zinc-500">
          <span
            className={`rounded px-1.5 py-0.5 ${statusTone[generation.status] ?? "bg-zinc-100 text-zinc-700"}`}
          >
            {phaseLabels[generation.phase]}
          </span>
          {generation.mode === "edit" && (
            <span className="rounded bg-violet-100 px-1.5 py-0.5 text-violet-800">Edit</span>
          )}
          <time dateTime={generation.createdAt} className="truncate">
            {new Date(generation.createdAt).toLocaleDateString("en")}
          </time>
          <span className="ml-auto flex items-center">
            <StarButton id={generation.id} starred={generation.starred} />
            <ActionsMenu label="Actions">
              <ImageActions generation={generation} onDeleted={onDeleted} />
            </ActionsMenu>
          </span>
        </div>
      </div>
    </li>
  );
}
