/**
 * `npm run screenshots`: builds the app, starts it against the bundled simulator on a data folder
 * of its own, signs up, makes a few images and a share link, and captures the main pages in both
 * themes at desktop and phone size into docs/screenshots/ (JPEG, to keep the repository small).
 * SCREENSHOTS_PORT moves the port (default 3260); SCREENSHOTS_SKIP_BUILD=1 reuses the last build.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Page } from "@playwright/test";
import { chromiumExecutable, startAppServer } from "../tests/e2e/support/app-server";

const OUT = path.resolve("docs/screenshots");
const PORT = Number(process.env.SCREENSHOTS_PORT ?? 3260);
const PASSWORD = "correct horse battery";
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
const THEMES = ["light", "dark"] as const;
const PROMPTS = [
  { prompt: "A lighthouse on a cliff at dusk, oil painting", ratio: "16:9" },
  { prompt: "A bowl of ramen, overhead food photography", ratio: "1:1" },
  { prompt: "A fox in a snowy birch forest, watercolour", ratio: "3:4" },
  { prompt: "An isometric reading nook with plants, soft light", ratio: "4:3" },
];

type Capture = (page: Page) => Promise<void>;

async function prepare(page: Page, base: string): Promise<{ imagePage: string; sharePage: string }> {
  await page.goto(`${base}/sign-up`);
  await page.getByLabel("Email").fill("screenshots@example.com");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { name: "Recent results" }).waitFor();
  for (const { prompt, ratio } of PROMPTS) {
    await page.getByLabel("Prompt").fill(`${prompt} [sim:durationMs=800]`);
    await page.getByText(ratio, { exact: true }).click();
    await page.getByRole("button", { name: "Generate" }).click();
    await page.getByRole("article", { name: `Generation: ${prompt} [sim:durationMs=800]` }).waitFor();
  }
  const images = page.locator("article[data-status=succeeded]");
  await page.waitForFunction(
    (count) => document.querySelectorAll("article[data-status=succeeded]").length >= count,
    PROMPTS.length,
    { timeout: 60_000 },
  );
  const imagePage = `${base}${await images.first().getByRole("link", { name: "Open" }).getAttribute("href")}`;
  await page.goto(imagePage);
  await page.getByLabel("Show the prompt on the shared page").check();
  await page.getByRole("button", { name: "Create share link" }).click();
  const link = page.getByRole("textbox", { name: "Share link", exact: true }).first();
  await link.waitFor();
  return { imagePage, sharePage: await link.inputValue() };
}

/** Waits for every image on the page to have loaded, so no shot shows a half-drawn page. */
async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => [...document.images].every((image) => image.complete));
}

/** A lightbox exists only where the app has one: clicking a studio result may open a dialog. */
const lightbox: Capture = async (page) => {
  await page.locator("article[data-status=succeeded] img").first().click({ trial: false });
  await page.getByRole("dialog").waitFor({ timeout: 3000 });
};

async function capture(browser: Browser, base: string, urls: { imagePage: string; sharePage: string }) {
  const shots: { name: string; url: string; open?: Capture; optional?: boolean }[] = [
    { name: "studio", url: `${base}/` },
    { name: "gallery", url: `${base}/gallery` },
    { name: "lightbox", url: `${base}/`, open: lightbox, optional: true },
    { name: "image", url: urls.imagePage },
    { name: "share", url: urls.sharePage },
  ];
  const state = path.join(OUT, ".state.json");
  for (const [size, viewport] of Object.entries(SIZES)) {
    for (const theme of THEMES) {
      const context = await browser.newContext({ viewport, colorScheme: theme, storageState: state });
      const page = await context.newPage();
      for (const shot of shots) {
        try {
          await page.goto(shot.url);
          await settle(page);
          await shot.open?.(page);
          await settle(page);
          const file = path.join(OUT, `${shot.name}-${theme}-${size}.jpg`);
          await page.screenshot({ path: file, type: "jpeg", quality: 70 });
          console.log(`captured ${path.relative(process.cwd(), file)}`);
        } catch (error) {
          if (!shot.optional) throw error;
          console.log(`skipped ${shot.name} (${theme}, ${size}): not in this version of the app`);
        }
      }
      await context.close();
    }
  }
  fs.rmSync(state, { force: true });
}

async function main() {
  if (process.env.SCREENSHOTS_SKIP_BUILD !== "1") {
    execFileSync("node", ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" });
  }
  const dataDir = path.resolve(`tests/.tmp/screenshots-${Date.now()}`);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.mkdirSync(OUT, { recursive: true });
  const server = await startAppServer({ port: PORT, dataDir });
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: ["--no-sandbox"] });
  try {
    const context = await browser.newContext({ viewport: SIZES.desktop });
    const page = await context.newPage();
    const urls = await prepare(page, server.url);
    await context.storageState({ path: path.join(OUT, ".state.json") });
    await context.close();
    await capture(browser, server.url, urls);
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
