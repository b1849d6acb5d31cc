import fs from "node:fs";
import os from "node:os";
import { benchPages, type PageFigures } from "./pages-bench";

// `npm run bench:pages`: first-load JavaScript, blocking time and Lighthouse score of each page of
// the production build; updates its own section of docs/benchmarks.md and leaves the rest alone.
const START = "<!-- pages-bench:start -->";
const END = "<!-- pages-bench:end -->";
const SHARE_TARGET_KB = 90;
const PAGE_TARGET_KB = 150;
const TBT_TARGET_MS = 150;

const met = (ok: boolean) => (ok ? "met" : "**not met**");

function row(page: PageFigures): string {
  const target = page.name.startsWith("share") ? SHARE_TARGET_KB : PAGE_TARGET_KB;
  const lh = page.lighthouse;
  const score = lh === null ? "—" : `${lh.score} (LCP ${lh.lcpMs} ms, TBT ${lh.tbtMs} ms, CLS ${lh.cls})`;
  const scoreMet = lh === null ? "" : `, score ${met(lh.score >= 90)}`;
  // The gallery's blocking-time budget: at most 150 ms on the desktop with 200 images.
  const tbtMet = page.name.startsWith("gallery, 200")
    ? `, TBT ${met(page.tbtDesktopMs <= TBT_TARGET_MS)}`
    : "";
  return `| ${page.name} | \`${page.path}\` | ${page.jsGzipKb} KB (${page.scripts} files) | ≤ ${target} KB | ${page.tbtDesktopMs} ms | ${page.tbtMobileMs} ms | ${score} | JS ${met(page.jsGzipKb <= target)}${tbtMet}${scoreMet} |`;
}

function writePagesSection(pages: PageFigures[]): void {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const section = [
    START,
    "## Pages in the browser",
    "",
    "Written by `npm run bench:pages` (tests/bench/pages.ts): a production build with the simulator, one user",
    "with 20 images (19 seeded rows and one real image, shared), one with 200 seeded rows; each page loaded in",
    "Chromium with the HTTP cache off. JS is the gzip size of every script the first load fetched (Next's",
    "own runtime included). Total blocking time sums each long task's time over 50 ms until the network is",
    "idle, median of 3 loads, on the desktop and with the CPU slowed 4× (CDP `Emulation.setCPUThrottlingRate`).",
    "Lighthouse: mobile preset (simulated slow 4G, 4× CPU), performance category only.",
    "",
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}`,
    `- Node ${process.version}; load average when it finished ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(", ")}`,
    "",
    "| page | path | first-load JS (gzip) | target | TBT desktop | TBT 4× CPU | Lighthouse mobile | |",
    "|---|---|---|---|---|---|---|---|",
    ...pages.map(row),
    "",
    END,
  ].join("\n");
  const file = "docs/benchmarks.md";
  const doc = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmarks\n";
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${doc.slice(0, start)}${section}${doc.slice(end + END.length)}`
      : `${doc.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
}

const pages = await benchPages();
// A partial run (PAGES_BENCH_ONLY) is for tuning: it leaves the recorded figures alone.
if (process.env.PAGES_BENCH_JS_ONLY !== "1" && !process.env.PAGES_BENCH_ONLY) {
  writePagesSection(pages);
  console.log("written to docs/benchmarks.md");
}
