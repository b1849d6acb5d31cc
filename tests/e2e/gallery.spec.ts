import fs from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { unzipSync } from "fflate";
import { generate, resultImage, signUp } from "./support/flows";
import { pickFiles, solidImage, uploadsSettled } from "./support/references";

const tiles = (page: Page) => page.getByRole("list", { name: "Images" }).locator("> li");
const tile = (page: Page, prompt: string) => page.getByRole("listitem", { name: prompt, exact: true });
const tilePrompts = (page: Page) =>
  tiles(page).evaluateAll((items) => items.map((item) => item.getAttribute("aria-label") ?? ""));
/** The page's one actions menu, opened from this tile's button. */
const openActions = async (page: Page, prompt: string) => {
  await tile(page, prompt).getByRole("button", { name: "Actions" }).click();
  return page.getByRole("menu", { name: `Actions: ${prompt}` });
};

/** Files of this generation's result in the e2e data folder. */
function resultFiles(generationId: string): string[] {
  const root = path.resolve(`tests/.tmp/e2e-${process.env.E2E_RUN_ID}/media/users`);
  return fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => file.includes(`results${path.sep}${generationId}`) && /\.(png|jpg|webp)$/.test(file));
}

async function makeMany(page: Page, count: number, label: string) {
  for (let i = 1; i <= count; i++) {
    await generate(page, `${label} ${String(i).padStart(2, "0")} [sim:durationMs=50]`);
  }
}

test("the gallery scrolls through more generations than one page holds, newest first", async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page);
  await makeMany(page, 30, "Scroll item");
  await page.goto("/gallery");
  // The list is virtual: the tiles near the window are in the page, each saying where it stands.
  await expect(tiles(page).first()).toHaveAttribute("aria-setsize", "24");
  expect((await tilePrompts(page))[0]).toBe("Scroll item 30 [sim:durationMs=50]");
  // Every tile reserves its image's box before the thumbnail arrives.
  const shapes = await tiles(page).evaluateAll((items) =>
    items.map((item) => (item.querySelector("div") as HTMLElement | null)?.style.aspectRatio ?? ""),
  );
  expect(shapes.every((shape) => /^\d+ \/ \d+$/.test(shape))).toBe(true);

  const nextPage = page.waitForRequest((request) => request.url().includes("/api/gallery?cursor="));
  await page.getByText(/Load more|Loading more/).scrollIntoViewIfNeeded();
  await nextPage;
  await expect(tiles(page).first()).toHaveAttribute("aria-setsize", "30");
  await expect(page.getByText("That is everything: 30 images.")).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(page.locator('ul[aria-label="Images"] > li[aria-posinset="30"]')).toHaveAttribute(
    "aria-label",
    "Scroll item 01 [sim:durationMs=50]",
  );

  // The viewer, too, loads the next page when it reaches the last image loaded (a fresh visit, at
  // the top, holds the first page only).
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.goto("/gallery");
  await expect(tiles(page).first()).toHaveAttribute("aria-setsize", "24");
  await tiles(page).first().getByRole("link").focus();
  await page.keyboard.press("End");
  await expect(page.getByRole("link", { name: "Open: Scroll item 07 [sim:durationMs=50]" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(
    page.getByRole("dialog", { name: "Viewer: Scroll item 07 [sim:durationMs=50]" }),
  ).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await expect(
    page.getByRole("dialog", { name: "Viewer: Scroll item 06 [sim:durationMs=50]" }),
  ).toBeVisible();
});

test("search, filters and stars narrow the gallery, and survive a reload", async ({ page }) => {
  await signUp(page);
  const red = "A red lighthouse [sim:durationMs=50]";
  const broken = "A broken lighthouse [sim:fail]";
  const other = "A quiet forest [sim:durationMs=50]";
  for (const prompt of [red, broken, other]) await generate(page, prompt);
  await resultImage(page, red);
  await pickFiles(page, [await solidImage("ref.png", "#d01010")]);
  await uploadsSettled(page);
  const edit = "Edit: 100%_sure lighthouse [sim:durationMs=50]";
  await page.getByLabel("Prompt").fill(edit);
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await resultImage(page, edit);
  await expect(page.getByRole("article", { name: `Generation: ${broken}` })).toHaveAttribute(
    "data-status",
    "failed",
  );

  await page.goto("/gallery");
  await expect(tiles(page)).toHaveCount(4);
  await page.getByLabel("Search prompts").fill("LIGHTHOUSE");
  await expect(tiles(page)).toHaveCount(3);
  // LIKE's wildcards are matched literally.
  await page.getByLabel("Search prompts").fill("100%_sure");
  await expect(tiles(page)).toHaveCount(1);
  await page.getByLabel("Search prompts").fill("lighthouse");
  await expect(tiles(page)).toHaveCount(3);
  await page.getByLabel("Status").selectOption("failed");
  await expect(tiles(page)).toHaveCount(1);
  await expect(tile(page, broken)).toBeVisible();
  await page.getByLabel("Status").selectOption("");
  await page.getByLabel("Mode").selectOption("edit");
  await expect(tiles(page)).toHaveCount(1);
  await expect(tile(page, edit)).toBeVisible();
  await page.getByLabel("Mode").selectOption("");

  await tile(page, red).getByRole("button", { name: "Star" }).click();
  await expect(tile(page, red).getByRole("button", { name: "Star" })).toHaveAttribute("aria-pressed", "true");
  await page.getByLabel("Starred only").check();
  await expect(tiles(page)).toHaveCount(1);
  await expect(page).toHaveURL(/q=lighthouse/);
  await expect(page).toHaveURL(/starred=1/);
  await page.reload();
  await expect(tiles(page)).toHaveCount(1);
  await expect(tile(page, red).getByRole("button", { name: "Star" })).toHaveAttribute("aria-pressed", "true");
  await page.getByLabel("Starred only").uncheck();
  await page.getByLabel("Search prompts").fill("");
  await expect(tiles(page)).toHaveCount(4);
});

test("a running generation updates in the gallery without a reload", async ({ page }) => {
  await signUp(page);
  const slow = "Slowly appearing [sim:durationMs=4000]";
  await generate(page, slow);
  await page.goto("/gallery");
  await expect(tile(page, slow)).toHaveAttribute("data-status", /pending|running/);
  await expect(tile(page, slow)).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(tile(page, slow).getByRole("img", { name: slow })).toBeVisible();
});

test("remix loads prompt, ratio, quality and references into the composer", async ({ page }) => {
  await signUp(page);
  await pickFiles(page, [await solidImage("one.png", "#d01010"), await solidImage("two.png", "#1030d0")]);
  await uploadsSettled(page);
  await page.getByText("16:9", { exact: true }).click();
  await page.locator("label").filter({ hasText: "High (4K)" }).click();
  const prompt = "Put image 2 inside image 1 [sim:durationMs=50]";
  await page.getByLabel("Prompt").fill(prompt);
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await resultImage(page, prompt);
  for (let i = 0; i < 2; i++) await page.getByRole("button", { name: "Remove image 1" }).click();
  await page.getByLabel("Prompt").fill("");

  await page.goto("/gallery");
  await (await openActions(page, prompt)).getByRole("menuitem", { name: "Remix" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByLabel("Prompt")).toHaveValue(prompt);
  await expect(page.getByRole("radio", { name: "16:9" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "High (4K)" })).toBeChecked();
  await expect(page.getByRole("list", { name: "Reference images" }).locator("> li")).toHaveCount(2);
  await expect(page.getByRole("form", { name: "Create an image" })).toHaveAttribute("data-mode", "edit");
});

test("download, copy prompt, delete one and delete or zip several", async ({ page, context }) => {
  await signUp(page);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const prompts = [
    "Café sign: “Open” [sim:durationMs=50]",
    "Second image [sim:durationMs=50]",
    "Third image [sim:durationMs=50]",
  ];
  for (const prompt of prompts) await generate(page, prompt);
  for (const prompt of prompts) await resultImage(page, prompt);
  await page.goto("/gallery");
  await expect(tiles(page)).toHaveCount(3);
  const [first, second, third] = prompts as [string, string, string];

  const download = page.waitForEvent("download");
  await (await openActions(page, first)).getByRole("menuitem", { name: "Download original" }).click();
  expect((await download).suggestedFilename()).toMatch(/^cafe-sign-open-[0-9a-f]{8}\.(jpg|png)$/);

  await (await openActions(page, second)).getByRole("menuitem", { name: "Copy prompt" }).click();
  await expect(page.getByTestId("toast")).toHaveText("Prompt copied.");
  await expect(page.getByTestId("announcer")).toHaveText("Prompt copied.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(second);

  // Zip of two: the images and a JSON file of their prompts and settings.
  await tile(page, first).getByRole("checkbox").check();
  await tile(page, third).getByRole("checkbox").check();
  await expect(page.getByRole("toolbar", { name: "Selection" })).toContainText("2 selected");
  const zipDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download as zip" }).click();
  const zipPath = await (await zipDownload).path();
  const entries = unzipSync(new Uint8Array(fs.readFileSync(zipPath)));
  const names = Object.keys(entries).sort();
  expect(names).toHaveLength(3);
  expect(names).toContain("prompts.json");
  const manifest = JSON.parse(new TextDecoder().decode(entries["prompts.json"])) as {
    file: string;
    prompt: string;
    aspectRatio: string;
    quality: string;
  }[];
  expect(manifest.map((entry) => entry.prompt).sort()).toEqual([first, third].sort());
  for (const entry of manifest) {
    expect(entries[entry.file]?.length).toBeGreaterThan(1000);
    expect(entry).toMatchObject({ aspectRatio: "1:1", quality: "basic" });
  }

  // Delete one, from its menu, after confirming.
  const secondId = (await tile(page, second).getAttribute("data-generation-id")) ?? "";
  const secondSrc = (await tile(page, second).getByRole("img").getAttribute("src")) ?? "";
  // Original, thumbnail, medium and display copies.
  expect(resultFiles(secondId).length).toBe(4);
  await (await openActions(page, second)).getByRole("menuitem", { name: "Delete…" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this image?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(tile(page, second)).toBeVisible();
  await (await openActions(page, second)).getByRole("menuitem", { name: "Delete…" }).click();
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(tile(page, second)).toHaveCount(0);
  expect((await page.request.get(secondSrc)).status()).toBe(404);
  expect(resultFiles(secondId)).toEqual([]);

  // Delete the two still selected.
  await page.getByRole("button", { name: "Delete selected…" }).click();
  await page
    .getByRole("dialog", { name: "Delete 2 images?" })
    .getByRole("button", { name: "Delete" })
    .click();
  await expect(tiles(page)).toHaveCount(0);
  await page.reload();
  await expect(page.getByText("Nothing here yet.")).toBeVisible();
});

test("coming back to the gallery shows what was made meanwhile", async ({ page }) => {
  await signUp(page);
  const first = "Made before [sim:durationMs=50]";
  await generate(page, first);
  await resultImage(page, first);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Gallery" }).click();
  await expect(tiles(page)).toHaveCount(1);
  await page.goto("/");
  const second = "Made meanwhile [sim:durationMs=50]";
  await generate(page, second);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Gallery" }).click();
  await expect(tiles(page)).toHaveCount(2);
  expect((await tilePrompts(page))[0]).toBe(second);
});
