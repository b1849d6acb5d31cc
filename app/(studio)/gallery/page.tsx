import type { Metadata } from "next";
import Link from "next/link";
import { GenerationThumbnail } from "@/components/generations/generation-thumbnail";
import { requireUser } from "@/lib/auth/current-user";
import { decodeHistoryCursor, encodeHistoryCursor } from "@/lib/generations/history-cursor";
import { listGenerationViews } from "@/lib/generations/service";
import { phaseLabels } from "@/lib/generations/view";

export const metadata: Metadata = { title: "Gallery" };

const PAGE_SIZE = 48;

const statusTone: Record<string, string> = {
  succeeded: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
  timed_out: "bg-red-100 text-red-800",
  unknown: "bg-amber-100 text-amber-800",
};

export default async function GalleryPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const user = await requireUser();
  const before = decodeHistoryCursor((await searchParams).before);
  const { items, hasMore, last } = await listGenerationViews(user.id, { limit: PAGE_SIZE, before });
  return (
    <div>
      <h1 className="mb-6 text-2xl font-semibold">Gallery</h1>
      {items.length === 0 ? (
        <p className="text-sm text-zinc-600">
          Nothing here yet.{" "}
          <Link href="/" className="text-violet-700 underline">
            Make your first image
          </Link>
          .
        </p>
      ) : (
        <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4">
          {items.map((generation) => (
            <li
              key={generation.id}
              data-status={generation.status}
              className="overflow-hidden rounded-xl border border-zinc-200 bg-white"
            >
              <div
                className="w-full bg-zinc-100"
                style={{ aspectRatio: generation.aspectRatio.replace(":", " / ") }}
              >
                {generation.image && (
                  <GenerationThumbnail image={generation.image} prompt={generation.prompt} lazy />
                )}
              </div>
              <div className="space-y-1 p-3 text-sm">
                <p className="line-clamp-2">{generation.prompt}</p>
                <p className="flex items-center gap-2 text-xs text-zinc-500">
                  <span
                    className={`rounded px-1.5 py-0.5 ${statusTone[generation.status] ?? "bg-zinc-100 text-zinc-700"}`}
                  >
                    {phaseLabels[generation.phase]}
                  </span>
                  <time dateTime={generation.createdAt}>
                    {new Date(generation.createdAt).toLocaleString("en")}
                  </time>
                </p>
                <p className="flex gap-3 text-xs">
                  <Link href={`/g/${generation.id}`} className="text-violet-700 underline">
                    Open
                  </Link>
                  {generation.image && (
                    <Link href={`/?reference=${generation.image.id}`} className="text-violet-700 underline">
                      Edit this
                    </Link>
                  )}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      {hasMore && last && (
        <p className="mt-8 text-center">
          <Link
            href={`/gallery?before=${encodeHistoryCursor(last)}`}
            className="rounded-lg border border-zinc-300 bg-white px-4 py-2 text-sm hover:bg-zinc-100"
          >
            Older images
          </Link>
        </p>
      )}
    </div>
  );
}
