/** @jsxImportSource preact */
import { renderToString } from "preact-render-to-string";
import { SIMULATOR_NOTICE } from "@/components/studio/simulator-banner";
import type { SharedImage } from "@/db/queries/shares";
import { DISPLAY_EDGE, fitWithin } from "@/lib/media/display-size";
import { PREVIEW_EDGE, previewSize } from "@/lib/media/social-preview";
import { applyTheme, THEME_STORAGE_KEY } from "@/lib/theme/theme";
import { SHARE_CSS } from "./share-styles";

// The public share page as one HTML document with no script but the theme's: a recipient's browser
// loads no React and no Next.js client (130 KB of gzip that a page showing one image never needs).
// Written with Preact's JSX and string renderer (as Auth.js renders its own pages), which escapes
// every value: prompts are untrusted text.

export const UNTITLED = "An image made with Seedream Studio";
const DESCRIPTION = "Made with ByteDance Seedream 4.5 in Seedream Studio.";

// Sets the theme before the first paint (the app's head script) and keeps "system" in step with the
// OS and every tab with a choice made in another: what the app's ThemeWatcher does with React.
const KEY = JSON.stringify(THEME_STORAGE_KEY);
const THEME_SCRIPT = `(()=>{const apply=${applyTheme.toString()};const run=()=>apply(${KEY});run();matchMedia("(prefers-color-scheme: dark)").addEventListener("change",run);addEventListener("storage",(event)=>{if(event.key===${KEY})run()})})()`;

// Preact 10.24's types predate the attribute; its renderer writes any attribute it is given.
const HIGH_PRIORITY: Record<string, string> = { fetchpriority: "high" };

interface Page {
  nonce: string | undefined;
  title: string;
  head?: preact.ComponentChildren;
  body: preact.ComponentChildren;
}

function Document({ nonce, title, head, body }: Page) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {head}
        <link rel="icon" href="/icon.svg" type="image/svg+xml" sizes="any" />
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: our own constant code, no user input */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: our own constant CSS (escaping would break `>`) */}
        <style nonce={nonce} dangerouslySetInnerHTML={{ __html: SHARE_CSS }} />
      </head>
      <body>{body}</body>
    </html>
  );
}

const html = (page: Page) => `<!DOCTYPE html>${renderToString(<Document {...page} />)}`;

function SimulatorNotice() {
  return (
    <aside aria-label={SIMULATOR_NOTICE.label} class="notice">
      <p role="note">
        <strong>{SIMULATOR_NOTICE.lead}</strong>
        <span class="short"> {SIMULATOR_NOTICE.short}</span>
        <span class="long"> {SIMULATOR_NOTICE.long}</span>
      </p>
    </aside>
  );
}

export interface SharePageInput {
  shared: SharedImage;
  /** The share's public address (APP_URL + /s/token), for the link-preview tags. */
  url: string;
  nonce: string | undefined;
  simulated: boolean;
}

/** A live share: the image (display-sized by srcset), its settings, the prompt if the owner chose. */
export function sharePageHtml({ shared, url, nonce, simulated }: SharePageInput): string {
  const { media } = shared;
  const title = shared.showPrompt ? shared.prompt.slice(0, 200) : UNTITLED;
  const alt = shared.showPrompt ? shared.prompt : UNTITLED;
  const base = `/s/${shared.token}`;
  const preview = { url: `${url}/preview`, ...previewSize(media.width, media.height) };
  // The link preview (≤ 1200 px JPEG) and the display copy (≤ 2048 px WebP): a phone takes the
  // first, a wide screen the second; the 4K original is only downloaded on request.
  const srcSet = `${base}/preview ${fitWithin(media.width, media.height, PREVIEW_EDGE).width}w, ${base}/display ${
    fitWithin(media.width, media.height, DISPLAY_EDGE).width
  }w`;
  const head = (
    <>
      <meta name="description" content={DESCRIPTION} />
      <meta name="robots" content={shared.allowIndexing ? "index, nofollow" : "noindex, nofollow"} />
      <meta property="og:type" content="website" />
      <meta property="og:title" content={title} />
      <meta property="og:url" content={url} />
      <meta property="og:image" content={preview.url} />
      <meta property="og:image:width" content={String(preview.width)} />
      <meta property="og:image:height" content={String(preview.height)} />
      <meta property="og:image:alt" content={title} />
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:title" content={title} />
      <meta name="twitter:image" content={preview.url} />
      <meta name="twitter:image:width" content={String(preview.width)} />
      <meta name="twitter:image:height" content={String(preview.height)} />
      <meta name="twitter:image:alt" content={title} />
    </>
  );
  const body = (
    <>
      {simulated && <SimulatorNotice />}
      <main class="shared">
        <h1 class="sr-only">{shared.showPrompt ? "A shared image" : UNTITLED}</h1>
        {/* biome-ignore lint/performance/noImgElement: no React here; served through the share, sized by srcset */}
        <img
          src={`${base}/display`}
          srcset={srcSet}
          sizes="(min-width: 56rem) 54rem, 100vw"
          {...HIGH_PRIORITY}
          alt={alt}
          width={media.width}
          height={media.height}
          // Its box at its final size before a byte arrives (no layout shift): as wide as fits both the
          // column and 80 % of the screen's height; the height follows from the width and height above.
          style={`width:min(100%,calc(80vh*${media.width}/${media.height}))`}
        />
        {shared.showPrompt && <p class="prompt">{shared.prompt}</p>}
        <p class="details">
          {shared.mode === "edit" ? "Edited" : "Generated"} with Seedream 4.5 · {shared.aspectRatio} ·{" "}
          {shared.quality === "high" ? "4K" : "2K"} · {media.width} × {media.height} ·{" "}
          <time dateTime={shared.createdAt.toISOString()}>{shared.createdAt.toLocaleDateString("en")}</time>
        </p>
        <p class="links">
          <a href={`${base}/image`} download>
            Download full size
          </a>
          <span>Shared from Seedream Studio.</span>
        </p>
      </main>
    </>
  );
  return html({ nonce, title, head, body });
}

/**
 * A revoked, deleted or mistyped share link: one page for all three (status 404), so it tells a
 * visitor nothing about whether an image was ever behind it.
 */
export function turnedOffPageHtml({ nonce }: { nonce: string | undefined }): string {
  const head = <meta name="robots" content="noindex, nofollow" />;
  const body = (
    <main class="gone">
      <div aria-hidden="true" class="icon">
        🔗
      </div>
      <h1>This link was turned off by its owner</h1>
      <p>Or it was copied incompletely. Ask the person who sent it for a new link.</p>
      <a href="/">Seedream Studio</a>
    </main>
  );
  return html({ nonce, title: "Link turned off · Seedream Studio", head, body });
}
