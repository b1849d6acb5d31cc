import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { type BrowserContext, chromium, type Page } from "@playwright/test";
import { openDatabase } from "@/db/client";
import { ensureSeedUser, seedGallery } from "@/db/seed/gallery";
import { chromiumExecutable, startAppServer } from "../e2e/support/app-server";
import { type LighthouseResult, lighthouseScore } from "./lighthouse";
import { round } from "./stats";

// `npm run bench:pages`: what a person's browser pays to open each page of a production build.
// Ports from E2E_PORT_BASE + 60…61, so a checkout's bench does not meet another's servers.
const PORT = Number(process.env.E2E_PORT_BASE ?? 3210) + 60;
const SIM_PORT = PORT + 1;
const base = `http://localhost:${PORT}`;
const PASSWORD = "pages bench password";
const SMALL = "pages-20@example.com";
const LARGE = "pages-200@example.com";
/** Total blocking time needs a few samples: the machine is shared. */
const RUNS = 3;
// PAGES_BENCH_JS_ONLY=1: one load per page, script sizes listed, no timing (for bundle work).
const JS_ONLY = process.env.PAGES_BENCH_JS_ONLY === "1";
// PAGES_BENCH_ONLY=gallery,share: only the pages whose name starts with one of these (for tuning one).
const ONLY = process.env.PAGES_BENCH_ONLY?.split(",").filter(Boolean) ?? [];
const wanted = (name: string) => ONLY.length === 0 || ONLY.some((prefix) => name.startsWith(prefix));

export interface PageFigures {
  name: string;
  path: string;
  jsGzipKb: number;
  scripts: number;
  tbtDesktopMs: number;
  tbtMobileMs: number;
  lighthouse: LighthouseResult | null;
}

async function seed(dataDir: string): Promise<void> {
  const handle = await openDatabase({ pgliteDir: path.join(dataDir, "pglite") });
  try {
    await seedGallery(handle.db, { userId: await ensureSeedUser(handle.db, SMALL, PASSWORD), count: 19 });
    await seedGallery(handle.db, { userId: await ensureSeedUser(handle.db, LARGE, PASSWORD), count: 200 });
  } finally {
    await handle.close();
  }
}

async function signIn(context: BrowserContext, email: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Recent results" }).waitFor();
  await page.close();
}

/** One real image (the simulator's) and a share link of it: the image and share pages need files. */
async function makeSharedImage(context: BrowserContext): Promise<{ imagePath: string; sharePath: string }> {
  const page = await context.newPage();
  await page.goto(`${base}/`);
  const prompt = `A lighthouse at dusk, pages bench ${Date.now()} [sim:durationMs=500]`;
  await page.getByLabel("Prompt").fill(prompt);
  await page.getByRole("button", { name: "Generate" }).click();
  const card = page.locator(`article[aria-label="Generation: ${prompt}"]`);
  await card.getByRole("link", { name: "Open" }).click({ timeout: 30_000 });
  await page.waitForURL(/\/g\//);
  const imagePath = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Create share link" }).click();
  const link = page.getByRole("textbox", { name: "Share link", exact: true }).first();
  await link.waitFor();
  const sharePath = new URL(await link.inputValue()).pathname;
  await page.close();
  return { imagePath, sharePath };
}

const TBT_OBSERVER = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({ type: "longtask", buffered: true });
`;

/** Loads `url` once in a fresh page: gzip bytes of every script it loaded, and its blocking time. */
async function loadOnce(context: BrowserContext, url: string, cpuSlowdown: number) {
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (cpuSlowdown > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuSlowdown });
  await page.addInitScript(TBT_OBSERVER);
  const scripts = new Map<string, Promise<number>>();
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    scripts.set(
      response.url(),
      response.body().then(
        (body) => gzipSync(body).length,
        () => 0,
      ),
    );
  });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  // Long tasks that hydration leaves just after the load event still block input.
  await page.waitForTimeout(500);
  const longTasks = (await page.evaluate("window.__longTasks")) as number[];
  const tbt = longTasks.reduce((sum, duration) => sum + Math.max(0, duration - 50), 0);
  const sizes = await Promise.all([...scripts].map(async ([src, size]) => [src, await size] as const));
  if (JS_ONLY) for (const [src, size] of sizes) console.log(`  ${(size / 1024).toFixed(1)} KB ${src}`);
  const gzip = sizes.reduce((sum, [, size]) => sum + size, 0);
  const count = scripts.size;
  await page.close();
  return { gzip, count, tbt };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function measurePage(
  context: BrowserContext,
  cookie: string,
  name: string,
  pagePath: string,
): Promise<PageFigures> {
  const url = `${base}${pagePath}`;
  if (JS_ONLY) {
    const { gzip, count } = await loadOnce(context, url, 1);
    console.log(`${name}: ${(gzip / 1024).toFixed(1)} KB in ${count} scripts`);
    return {
      name,
      path: pagePath,
      jsGzipKb: round(gzip / 1024),
      scripts: count,
      tbtDesktopMs: 0,
      tbtMobileMs: 0,
      lighthouse: null,
    };
  }
  await loadOnce(context, url, 1); // warm the server's caches; not counted
  const desktop = [];
  const mobile = [];
  for (let i = 0; i < RUNS; i++) {
    desktop.push(await loadOnce(context, url, 1));
    mobile.push(await loadOnce(context, url, 4));
  }
  const first = desktop[0] ?? { gzip: 0, count: 0 };
  const figures: PageFigures = {
    name,
    path: pagePath.replace(/\/(g|s)\/[^/]+$/, "/$1/…"),
    jsGzipKb: round(first.gzip / 1024),
    scripts: first.count,
    tbtDesktopMs: Math.round(median(desktop.map((r) => r.tbt))),
    tbtMobileMs: Math.round(median(mobile.map((r) => r.tbt))),
    lighthouse: await lighthouseScore(url, cookie),
  };
  console.log(figures);
  return figures;
}

/** Seeds, starts the production build with the simulator, and measures each page. */
export async function benchPages(): Promise<PageFigures[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-pages-bench-"));
  await seed(dataDir);
  const server = await startAppServer({ port: PORT, dataDir, simulatorPort: SIM_PORT });
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: ["--no-sandbox"] });
  try {
    const small = await browser.newContext();
    await signIn(small, SMALL);
    const { imagePath, sharePath } = await makeSharedImage(small);
    const large = await browser.newContext();
    await signIn(large, LARGE);
    const guest = await browser.newContext();
    const cookieOf = async (context: BrowserContext) =>
      (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const pages: [BrowserContext, string, string][] = [
      [small, "studio", "/"],
      [small, "gallery, 20 images", "/gallery"],
      [large, "gallery, 200 images", "/gallery"],
      [small, "image page", imagePath],
      [guest, "share page (signed out)", sharePath],
    ];
    const figures: PageFigures[] = [];
    for (const [context, name, pagePath] of pages.filter(([, name]) => wanted(name))) {
      figures.push(await measurePage(context, await cookieOf(context), name, pagePath));
    }
    return figures;
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
