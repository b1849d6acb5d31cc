import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromiumExecutable } from "../e2e/support/app-server";

// Lighthouse's own defaults: mobile form factor, simulated slow 4G and 4× CPU slowdown. It talks
// to a Chromium started here with a debugging port (offset 62 of this checkout's ports).
const DEBUG_PORT = Number(process.env.E2E_PORT_BASE ?? 3210) + 62;
// Its emulated phone is 412 px wide: the width a phone's head script reports (lib/theme/viewport-hint.ts),
// in place of the desktop's that the signed-in bench context wrote.
const PHONE_VIEWPORT_HINT = "seedream-vw=412";
const asPhone = (cookie: string) =>
  [
    ...cookie.split("; ").filter((pair) => pair && !pair.startsWith("seedream-vw=")),
    PHONE_VIEWPORT_HINT,
  ].join("; ");

async function startChromium(): Promise<{ process: ChildProcess; profile: string }> {
  const executable = chromiumExecutable();
  if (!executable) throw new Error("no Chromium");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-lighthouse-"));
  const child = spawn(
    executable,
    ["--headless=new", "--no-sandbox", `--remote-debugging-port=${DEBUG_PORT}`, `--user-data-dir=${profile}`],
    // Its own process group, so that its helper processes end with it.
    { stdio: "ignore", detached: true },
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${DEBUG_PORT}/json/version`)).ok) return { process: child, profile };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error("Chromium did not open its debugging port");
}

export interface LighthouseResult {
  /** The mobile performance score, 0–100. */
  score: number;
  /** The metrics the score is made of (ms, CLS unitless), to tell what holds a score down. */
  lcpMs: number;
  fcpMs: number;
  tbtMs: number;
  cls: number;
}

const metric = (audits: Record<string, { numericValue?: number }>, id: string) =>
  Math.round((audits[id]?.numericValue ?? Number.NaN) * (id === "cumulative-layout-shift" ? 1000 : 1)) /
  (id === "cumulative-layout-shift" ? 1000 : 1);

/** Lighthouse's mobile performance score (0–100) of `url` and its metrics, or null when Lighthouse cannot run here. */
export async function lighthouseScore(url: string, cookie: string): Promise<LighthouseResult | null> {
  let lighthouse: typeof import("lighthouse").default;
  try {
    lighthouse = (await import("lighthouse")).default;
  } catch {
    return null;
  }
  const chrome = await startChromium();
  try {
    const result = await lighthouse(url, {
      port: DEBUG_PORT,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance"],
      extraHeaders: { cookie: asPhone(cookie) },
    });
    const score = result?.lhr.categories.performance?.score;
    if (typeof score !== "number" || !result) return null;
    // LIGHTHOUSE_REPORT_DIR=…: keep each page's whole report (the LCP element, the long tasks) for tuning.
    const reports = process.env.LIGHTHOUSE_REPORT_DIR;
    if (reports) {
      fs.mkdirSync(reports, { recursive: true });
      const name = new URL(url).pathname.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "root";
      fs.writeFileSync(path.join(reports, `${name}-${Date.now()}.json`), JSON.stringify(result.lhr));
    }
    const audits = result.lhr.audits;
    return {
      score: Math.round(score * 100),
      lcpMs: metric(audits, "largest-contentful-paint"),
      fcpMs: metric(audits, "first-contentful-paint"),
      tbtMs: metric(audits, "total-blocking-time"),
      cls: metric(audits, "cumulative-layout-shift"),
    };
  } catch (error) {
    console.warn(`lighthouse failed on ${url}: ${(error as Error).message}`);
    return null;
  } finally {
    const exited = new Promise((resolve) => chrome.process.once("exit", resolve));
    if (chrome.process.pid) process.kill(-chrome.process.pid, "SIGTERM");
    await exited;
    try {
      fs.rmSync(chrome.profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch {
      // A helper process still writing its profile: a leftover temp folder, not a failed bench.
    }
  }
}
