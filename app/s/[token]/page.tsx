import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { SimulatorBanner } from "@/components/studio/simulator-banner";
import { getDb } from "@/db";
import { getSharedImage } from "@/db/queries/shares";
import { DISPLAY_EDGE, fitWithin } from "@/lib/media/display-size";
import { PREVIEW_EDGE, previewSize } from "@/lib/media/social-preview";
import { shareUrl } from "@/lib/shares/to-item";
import { shareTokenSchema } from "@/lib/shares/token";
import { isSimulated } from "@/lib/upstream";

// One lookup per request, shared by the metadata and the page, so a visit counts one view.
const loadShare = cache(async (token: string) => {
  const parsed = shareTokenSchema.safeParse(token);
  if (!parsed.success) return undefined;
  return getSharedImage(await getDb(), { token: parsed.data, countView: true });
});

const UNTITLED = "An image made with Seedream Studio";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ token: string }>;
}): Promise<Metadata> {
  const { token } = await params;
  const shared = await loadShare(token);
  if (!shared) return { title: "Link turned off", robots: { index: false, follow: false } };
  const title = shared.showPrompt ? shared.prompt.slice(0, 200) : UNTITLED;
  const image = {
    url: `${shareUrl(shared.token)}/preview`,
    ...previewSize(shared.media.width, shared.media.height),
    alt: title,
  };
  return {
    title: { absolute: title },
    description: "Made with ByteDance Seedream 4.5 in Seedream Studio.",
    robots: shared.allowIndexing ? { index: true, follow: false } : { index: false, follow: false },
    openGraph: { type: "website", title, url: shareUrl(shared.token), images: [image] },
    twitter: { card: "summary_large_image", title, images: [image] },
  };
}

// Public: no account needed. Shows the image and its settings, the prompt only if the owner chose.
export default async function SharedImagePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const shared = await loadShare(token);
  if (!shared) notFound();
  const { media } = shared;
  const base = `/s/${shared.token}`;
  // The link preview (≤ 1200 px JPEG) and the display copy (≤ 2048 px WebP): a phone takes the
  // first, a wide screen the second; the 4K original is only downloaded on request.
  const srcSet = `${base}/preview ${fitWithin(media.width, media.height, PREVIEW_EDGE).width}w, ${base}/display ${
    fitWithin(media.width, media.height, DISPLAY_EDGE).width
  }w`;
  return (
    <>
      {isSimulated() && <SimulatorBanner />}
      <main className="mx-auto max-w-4xl space-y-4 px-4 py-8">
        <h1 className="sr-only">{shared.showPrompt ? "A shared image" : UNTITLED}</h1>
        {/* biome-ignore lint/performance/noImgElement: served through the share itself, sized by srcset */}
        <img
          src={`${base}/display`}
          srcSet={srcSet}
          sizes="(min-width: 56rem) 54rem, 100vw"
          fetchPriority="high"
          alt={shared.showPrompt ? shared.prompt : UNTITLED}
          width={media.width}
          height={media.height}
          className="mx-auto h-auto max-h-[80vh] w-auto max-w-full rounded-xl border border-zinc-200 bg-zinc-100"
        />
        {shared.showPrompt && <p className="text-lg break-words whitespace-pre-wrap">{shared.prompt}</p>}
        <p className="text-sm text-zinc-500">
          {shared.mode === "edit" ? "Edited" : "Generated"} with Seedream 4.5 · {shared.aspectRatio} ·{" "}
          {shared.quality === "high" ? "4K" : "2K"} · {media.width} × {media.height} ·{" "}
          <time dateTime={shared.createdAt.toISOString()}>{shared.createdAt.toLocaleDateString("en")}</time>
        </p>
        <p className="flex flex-wrap gap-x-3 text-xs text-zinc-500">
          <a href={`${base}/image`} download className="text-violet-700 underline">
            Download full size
          </a>
          <span>Shared from Seedream Studio.</span>
        </p>
      </main>
    </>
  );
}
