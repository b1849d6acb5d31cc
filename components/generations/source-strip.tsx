import Link from "next/link";
import type { SourceView } from "@/lib/generations/view";

/**
 * An edit's references as numbered thumbnails. One that was itself a result links to the step it
 * came from, so a chain of edits can be walked back.
 */
export function SourceStrip({ sources, size = "sm" }: { sources: SourceView[]; size?: "sm" | "lg" }) {
  const box = size === "sm" ? "h-12 w-12" : "h-24 w-24";
  return (
    <ol aria-label="Sources" className="flex flex-wrap gap-2">
      {sources.map((source, index) => {
        const label = `image ${index + 1}`;
        const thumbnail = source.image ? (
          // biome-ignore lint/performance/noImgElement: our own owner-checked route serves these
          <img
            src={source.image.thumbnailSrc}
            alt={`Source ${label}`}
            width={source.image.width}
            height={source.image.height}
            className={`${box} rounded-md bg-cover object-cover`}
            style={{ backgroundImage: `url(${source.image.placeholder})` }}
          />
        ) : (
          <span
            className={`${box} flex items-center justify-center rounded-md bg-zinc-100 p-1 text-center text-[10px] text-zinc-500`}
          >
            {label} deleted
          </span>
        );
        return (
          <li key={label} className="relative">
            {source.fromGenerationId ? (
              <Link href={`/g/${source.fromGenerationId}`} title={`${label}: open the result it came from`}>
                {thumbnail}
              </Link>
            ) : (
              thumbnail
            )}
            <span className="absolute -top-1 -left-1 rounded bg-zinc-900/80 px-1 text-[10px] text-white">
              {index + 1}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
