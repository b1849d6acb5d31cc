import { ViewerLink } from "@/components/gallery/viewer-link";
import type { ImageView } from "@/lib/generations/view";

/**
 * A result's thumbnail at its real aspect ratio (no layout shift), over its tiny placeholder until
 * it loads. Alt text is always the prompt.
 */
export function ThumbnailImage({
  image,
  prompt,
  lazy = false,
}: {
  image: ImageView;
  prompt: string;
  lazy?: boolean;
}) {
  return (
    // biome-ignore lint/performance/noImgElement: our own owner-checked route serves these; next/image would proxy and re-encode them
    <img
      src={image.thumbnailSrc}
      alt={prompt}
      width={image.width}
      height={image.height}
      loading={lazy ? "lazy" : undefined}
      decoding="async"
      className="h-full w-full bg-cover object-cover"
      style={{ backgroundImage: `url(${image.placeholder})` }}
    />
  );
}

/** The thumbnail, opening the in-page viewer (or, with a modifier key, the image's page). */
export function GenerationThumbnail({ id, image, prompt }: { id: string; image: ImageView; prompt: string }) {
  return (
    <ViewerLink id={id} label={`View: ${prompt}`} className="block h-full w-full">
      <ThumbnailImage image={image} prompt={prompt} />
    </ViewerLink>
  );
}
