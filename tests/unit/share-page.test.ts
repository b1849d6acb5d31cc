import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { sharePageHtml, turnedOffPageHtml, UNTITLED } from "@/app/s/[token]/share-document";
import { SHARE_PALETTE } from "@/app/s/[token]/share-styles";
import type { SharedImage } from "@/db/queries/shares";

// The share page is HTML written without React (app/s/[token]/share-document.tsx): it must escape
// what it shows, carry the request's nonce on its only script, and keep the app's colours.

/** `--color-name: value;` declarations of the first block that starts with `selector {`. */
function colours(css: string, selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no ${selector} block`);
  const block = css.slice(start, css.indexOf("}", start));
  return new Map(
    [...block.matchAll(/--color-([a-z]+-\d+):\s*([^;]+);/g)].map((m) => [m[1] ?? "", m[2] ?? ""]),
  );
}

describe("the share page's palette", () => {
  const tailwind = fs.readFileSync("node_modules/tailwindcss/theme.css", "utf8");
  const app = fs.readFileSync("app/globals.css", "utf8");
  const defaults = colours(tailwind, "@theme default");
  const light = colours(app, ":root");
  const dark = colours(app, ":root.dark");

  it.each(Object.entries(SHARE_PALETTE))("%s is the app's colour in both themes", (name, value) => {
    expect(value.light).toBe(light.get(name) ?? defaults.get(name));
    expect(value.dark).toBe(dark.get(name));
  });
});

const hostile = `<script>alert(1)</script><img src=x onerror="alert(2)"> "quotes" & 'ticks'`;
const shared = (overrides: Partial<SharedImage> = {}): SharedImage => ({
  token: "T".repeat(43),
  showPrompt: true,
  allowIndexing: false,
  prompt: hostile,
  aspectRatio: "1:1",
  quality: "high",
  mode: "generate",
  createdAt: new Date("2026-11-26T12:00:00Z"),
  media: { storageKey: "k", contentType: "image/png", width: 4096, height: 4096, bytes: 1 },
  ...overrides,
});
const url = `https://studio.example/s/${"T".repeat(43)}`;

describe("the share page's HTML", () => {
  it("shows a prompt as text everywhere, in the body and in every tag", () => {
    const html = sharePageHtml({ shared: shared(), url, nonce: "abc", simulated: false });
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script>alert(1)&lt;/script>");
    expect(html).toContain(
      `<meta property="og:title" content="&lt;script>alert(1)&lt;/script>&lt;img src=x onerror=&quot;alert(2)&quot;> &quot;quotes&quot; &amp; 'ticks'"/>`,
    );
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it("loads no script file, and its one inline script and style carry the request's nonce", () => {
    for (const html of [
      sharePageHtml({ shared: shared(), url, nonce: "n0nce", simulated: true }),
      turnedOffPageHtml({ nonce: "n0nce" }),
    ]) {
      expect(html.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true);
      expect(html).not.toMatch(/<script[^>]* src=/);
      expect(html).toContain('<script nonce="n0nce">');
      expect(html).toContain('<style nonce="n0nce">');
    }
  });

  it("leaves the prompt out when the owner did not share it, and announces the preview's size", () => {
    const html = sharePageHtml({
      shared: shared({ showPrompt: false, allowIndexing: true }),
      url,
      nonce: undefined,
      simulated: false,
    });
    expect(html).not.toContain("alert");
    expect(html).toContain(`<title>${UNTITLED}</title>`);
    expect(html).toContain('<meta name="robots" content="index, nofollow"/>');
    expect(html).toContain(`<meta property="og:image" content="${url}/preview"/>`);
    expect(html).toContain('<meta property="og:image:width" content="1200"/>');
    expect(html).toContain(`srcset="/s/${"T".repeat(43)}/preview 1200w, /s/${"T".repeat(43)}/display 2048w"`);
    expect(html).toContain('fetchpriority="high"');
    // The image's box is sized before it loads: no layout shift on a slow network.
    expect(html).toContain('style="width:min(100%,calc(80vh*4096/4096))"');
  });

  it("says the same on the turned-off page whatever the link was, and shows nothing of an image", () => {
    const html = turnedOffPageHtml({ nonce: "x" });
    expect(html).toContain("<h1>This link was turned off by its owner</h1>");
    expect(html).toContain("<title>Link turned off · Seedream Studio</title>");
    expect(html).not.toMatch(/<img|\/media\/|\/g\//);
  });
});
