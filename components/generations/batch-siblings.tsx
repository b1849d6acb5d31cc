import Link from "next/link";
import { cssAspectRatio, type GenerationView, phaseLabels } from "@/lib/generations/view";
import { ThumbnailImage } from "./generation-thumbnail";

/** The other images made by the same click, each linking to its own page. */
export function BatchSiblings({ current, siblings }: { current: string; siblings: GenerationView[] }) {
  if (siblings.length < 2) return null;
  return (
    <section aria-labelledby="batch-heading" className="space-y-2">
      <h2 id="batch-heading" className="font-medium">
        Variations from the same click
      </h2>
      <ul className="grid grid-cols-4 gap-2">
        {siblings.map((sibling) => {
          const number = (sibling.batch?.index ?? 0) + 1;
          const here = sibling.id === current;
          return (
            <li key={sibling.id}>
              <Link
                href={`/g/${sibling.id}`}
                aria-current={here ? "page" : undefined}
                aria-label={`Variation ${number}${here ? " (this image)" : ""}${sibling.image ? "" : `: ${phaseLabels[sibling.phase]}`}`}
                className={`block overflow-hidden rounded-lg border-2 bg-zinc-100 ${here ? "border-violet-700" : "border-transparent hover:border-violet-300"}`}
                style={{ aspectRatio: cssAspectRatio(sibling.aspectRatio) }}
              >
                {sibling.image ? (
                  <ThumbnailImage image={sibling.image} prompt={sibling.prompt} lazy />
                ) : (
                  <span className="flex h-full items-center justify-center p-1 text-center text-[11px] text-zinc-600">
                    {phaseLabels[sibling.phase]}
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
