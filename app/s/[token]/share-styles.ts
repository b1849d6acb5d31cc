// The share page's whole stylesheet, inlined in its HTML. The page is served without React or
// Next's client (app/s/[token]/route.ts), so it cannot link the app's Tailwind stylesheet, whose
// hashed file name only Next's page renderer knows. It is small enough to travel with the HTML:
// a link previewer or a phone on a slow network gets a styled page in one response.

/**
 * Every colour the page uses, as the app's theme defines it: Tailwind's palette with the overrides
 * of app/globals.css (`:root` for light, `:root.dark` for dark). tests/unit/share-page.test.ts
 * reads both files and fails when a value here drifts from them.
 */
export const SHARE_PALETTE = {
  "zinc-50": { light: "oklch(98.5% 0 none)", dark: "oklch(14.1% 0.005 285.823)" },
  "zinc-100": { light: "oklch(96.7% 0.001 286.375)", dark: "oklch(25% 0.006 286.033)" },
  "zinc-200": { light: "oklch(92% 0.004 286.32)", dark: "oklch(32% 0.009 285.805)" },
  "zinc-500": { light: "oklch(50.5% 0.016 285.938)", dark: "oklch(72% 0.015 286.067)" },
  "zinc-600": { light: "oklch(44.2% 0.017 285.786)", dark: "oklch(80% 0.01 286.286)" },
  "zinc-900": { light: "oklch(21% 0.006 285.885)", dark: "oklch(96.7% 0.001 286.375)" },
  "violet-600": { light: "oklch(54.1% 0.281 293.009)", dark: "oklch(70.2% 0.183 293.541)" },
  "violet-700": { light: "oklch(49.1% 0.27 292.581)", dark: "oklch(81.1% 0.111 293.571)" },
  "amber-100": { light: "oklch(96.2% 0.059 95.617)", dark: "oklch(28% 0.062 45.904)" },
  "amber-900": { light: "oklch(41.4% 0.112 45.904)", dark: "oklch(96.2% 0.059 95.617)" },
} as const;

const variables = (theme: "light" | "dark") =>
  Object.entries(SHARE_PALETTE)
    .map(([name, value]) => `--${name}:${value[theme]}`)
    .join(";");

// The same measures as the Tailwind classes the React version of this page used (max-w-4xl,
// px-4 py-8, space-y-4, text-sm…), and Tailwind's preflight reduced to what these elements need.
export const SHARE_CSS = `
*,::before,::after{box-sizing:border-box;margin:0;padding:0;border:0 solid}
:root{color-scheme:light;${variables("light")}}
:root.dark{color-scheme:dark;${variables("dark")}}
html{font-family:ui-sans-serif,system-ui,sans-serif,"Apple Color Emoji","Segoe UI Emoji","Segoe UI Symbol","Noto Color Emoji";line-height:1.5;-webkit-text-size-adjust:100%;tab-size:4}
body{background:var(--zinc-50);color:var(--zinc-900);-webkit-font-smoothing:antialiased;-moz-osx-font-smoothing:grayscale}
h1{font-size:inherit;font-weight:inherit}
a{color:var(--violet-700);text-decoration:underline}
:focus-visible{outline:2px solid var(--violet-600);outline-offset:2px}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border-width:0}
.notice{background:var(--amber-100);color:var(--amber-900);padding:.5rem 1rem;font-size:.875rem;line-height:1.25rem}
.notice p{text-align:center;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.notice .long{display:none}
@media (min-width:40rem){.notice p{white-space:normal}.notice .short{display:none}.notice .long{display:inline}}
.shared{max-width:56rem;margin:0 auto;padding:2rem 1rem}
.shared>:not(:last-child){margin-bottom:1rem}
.shared img{display:block;margin:0 auto;height:auto;max-width:100%;max-height:80vh;border:1px solid var(--zinc-200);border-radius:.75rem;background:var(--zinc-100)}
.prompt{font-size:1.125rem;line-height:1.75rem;overflow-wrap:break-word;white-space:pre-wrap}
.details{font-size:.875rem;line-height:1.25rem;color:var(--zinc-500)}
.links{display:flex;flex-wrap:wrap;column-gap:.75rem;font-size:.75rem;line-height:1rem;color:var(--zinc-500)}
.gone{display:flex;flex-direction:column;align-items:center;justify-content:center;gap:1rem;max-width:28rem;min-height:70vh;margin:0 auto;padding:0 1rem;text-align:center}
.gone .icon{display:flex;align-items:center;justify-content:center;width:3.5rem;height:3.5rem;border-radius:9999px;background:var(--zinc-100);font-size:1.5rem;line-height:2rem}
.gone h1{font-size:1.5rem;line-height:2rem;font-weight:600}
.gone p{color:var(--zinc-600)}
.gone a{font-size:.875rem;line-height:1.25rem}
`
  .trim()
  .replaceAll("\n", "");
