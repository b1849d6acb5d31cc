import type { GenerationView } from "@/lib/generations/view";

/**
 * A result's thumbnail at its real aspect ratio (no layout shift), over its tiny placeholder until
 * it loads, linking to the original. Alt text is always the prompt.
 */
export function GenerationThumbnail({
  image,
  prompt,
  lazy = false,
}: {
  image: NonNullable<GenerationView["image"]>;
  prompt: string;
  lazy?: boolean;
}) {
  return (
    <a href={image.src} target="_blank" rel="noreferrer" className="block h-full w-full">
      {/* biome-ignore lint/performance/noImgElement: our own owner-checked route serves these; next/image would proxy and re-encode them */}
      <img
        src={image.thumbnailSrc}
        alt={prompt}
        width={image.width}
        height={image.height}
        loading={lazy ? "lazy" : undefined}
        className="h-full w-full bg-cover object-cover"
        style={{ backgroundImage: `url(${image.placeholder})` }}
      />
    </a>
  );
}
