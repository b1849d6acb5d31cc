import { expect, type Page, test } from "@playwright/test";
import { generate, resultImage, signUp } from "./support/flows";

const tile = (page: Page, prompt: string) => page.getByRole("listitem", { name: prompt, exact: true });
const viewer = (page: Page, prompt: string) => page.getByRole("dialog", { name: `Viewer: ${prompt}` });
const viewParam = (page: Page) => new URL(page.url()).searchParams.get("view");

async function makeThree(page: Page, label: string): Promise<[string, string, string]> {
  const prompts = [1, 2, 3].map((i) => `${label} ${i} [sim:durationMs=50]`) as [string, string, string];
  for (const prompt of prompts) await generate(page, prompt);
  for (const prompt of prompts) await resultImage(page, prompt);
  return prompts;
}

test("the gallery's viewer opens on click, steps with the arrows, closes with Escape and lives in the URL", async ({
  page,
}) => {
  await signUp(page);
  // Newest first in the gallery: 3, 2, 1.
  const [oldest, middle, newest] = await makeThree(page, "Viewer");
  await page.goto("/gallery");
  const middleId = await tile(page, middle).getAttribute("data-generation-id");
  const oldestId = await tile(page, oldest).getAttribute("data-generation-id");

  await tile(page, middle)
    .getByRole("link", { name: `Open: ${middle}` })
    .click();
  await expect(viewer(page, middle)).toBeVisible();
  await expect(viewer(page, middle).getByRole("img", { name: middle })).toBeVisible();
  expect(viewParam(page)).toBe(middleId);
  await expect(page).toHaveTitle(/^Viewer 2/);
  await expect(viewer(page, middle)).toContainText("2 of 3");

  await page.keyboard.press("ArrowRight");
  await expect(viewer(page, oldest)).toBeVisible();
  expect(viewParam(page)).toBe(oldestId);
  await page.keyboard.press("ArrowRight"); // the last: nothing further
  await expect(viewer(page, oldest)).toBeVisible();
  // Two presses before the page can re-render (a held key) still move two images.
  await viewer(page, oldest).evaluate((dialog) => {
    for (let i = 0; i < 2; i++)
      dialog.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowLeft", bubbles: true }));
  });
  await expect(viewer(page, newest)).toBeVisible();

  // Zoom in and back out.
  await viewer(page, newest).getByRole("button", { name: "Zoom in" }).click();
  await expect(page.getByTestId("viewer-stage")).toHaveAttribute("data-zoom", "2");
  await page.keyboard.press("-");
  await expect(page.getByTestId("viewer-stage")).toHaveAttribute("data-zoom", "1");

  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(viewParam(page)).toBeNull();
  await expect(page).toHaveTitle(/^Gallery/);

  // Back and Forward close and reopen it; a reload keeps it open on the same image.
  await tile(page, middle)
    .getByRole("link", { name: `Open: ${middle}` })
    .click();
  await page.keyboard.press("ArrowRight");
  await expect(viewer(page, oldest)).toBeVisible();
  await page.goBack();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(viewParam(page)).toBeNull();
  await page.goForward();
  await expect(viewer(page, oldest)).toBeVisible();
  await page.reload();
  await expect(viewer(page, oldest)).toBeVisible();
  expect(viewParam(page)).toBe(oldestId);
  await page.keyboard.press("ArrowLeft");
  await expect(viewer(page, middle)).toBeVisible();
  await viewer(page, middle).getByRole("button", { name: "Close viewer" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(tile(page, middle)).toBeVisible();
});

test("a star set in the viewer shows in the grid at once, and the download is the original", async ({
  page,
}) => {
  await signUp(page);
  const prompt = "Starred in the viewer [sim:durationMs=50]";
  await generate(page, prompt);
  await resultImage(page, prompt);
  await page.goto("/gallery");
  await tile(page, prompt)
    .getByRole("link", { name: `Open: ${prompt}` })
    .click();
  const star = viewer(page, prompt).getByRole("button", { name: "Star" });
  await expect(star).toHaveAttribute("aria-pressed", "false");
  await star.click();
  await expect(star).toHaveAttribute("aria-pressed", "true");
  const download = page.waitForEvent("download");
  await viewer(page, prompt).getByRole("link", { name: "Download original" }).click();
  expect((await download).suggestedFilename()).toMatch(/^starred-in-the-viewer-[0-9a-f]{8}\.(jpg|png)$/);
  await page.keyboard.press("Escape");
  await expect(tile(page, prompt).getByRole("button", { name: "Star" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await page.reload();
  await expect(tile(page, prompt).getByRole("button", { name: "Star" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
});

test("the studio's cards and the image page open the viewer; /g/{id} steps to newer and older with the prompt as title", async ({
  page,
}) => {
  await signUp(page);
  const [oldest, middle, newest] = await makeThree(page, "Paged");

  // On the studio page: the card's image opens the viewer over the studio.
  const card = page.getByRole("article", { name: `Generation: ${middle}` });
  await card.getByRole("link", { name: `View: ${middle}` }).click();
  await expect(viewer(page, middle)).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/");
  await page.keyboard.press("ArrowLeft");
  await expect(viewer(page, newest)).toBeVisible();
  await page.goBack();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Recent results" })).toBeVisible();

  const middleId = await card.getAttribute("data-generation-id");
  await page.goto(`/g/${middleId}`);
  await expect(page).toHaveTitle(`${middle} · Seedream Studio`);
  await page.getByRole("link", { name: "Older ›" }).click();
  await expect(page.getByRole("heading", { level: 1, name: oldest })).toBeVisible();
  await expect(page.getByRole("link", { name: "Older ›" })).toHaveCount(0);
  await page.getByRole("link", { name: "‹ Newer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: middle })).toBeVisible();
  await page.getByRole("link", { name: "‹ Newer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: newest })).toBeVisible();
  await expect(page).toHaveTitle(`${newest} · Seedream Studio`);
  await expect(page.getByRole("link", { name: "‹ Newer" })).toHaveCount(0);

  await page.getByRole("link", { name: `View larger: ${newest}` }).click();
  await expect(viewer(page, newest)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1, name: newest })).toBeVisible();
});

test("the studio card's menu: copy, star, board, remix, edit and delete, with the outcome announced", async ({
  page,
  context,
}) => {
  await signUp(page);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const [keep, gone] = ["Card menu keep [sim:durationMs=50]", "Card menu gone [sim:durationMs=50]"];
  for (const prompt of [keep, gone]) await generate(page, prompt);
  for (const prompt of [keep, gone]) await resultImage(page, prompt);
  await expect(page.getByTestId("announcer")).toHaveText(/^Image ready: Card menu/);
  const card = (prompt: string) => page.getByRole("article", { name: `Generation: ${prompt}` });
  const menuOf = async (prompt: string) => {
    await card(prompt).getByRole("button", { name: "Actions" }).click();
    return page.getByRole("menu", { name: `Actions: ${prompt}` });
  };

  await (await menuOf(keep)).getByRole("menuitem", { name: "Copy prompt" }).click();
  await expect(page.getByTestId("announcer")).toHaveText("Prompt copied.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(keep);

  await (await menuOf(keep)).getByRole("menuitem", { name: /^Star/ }).click();
  await expect(page.getByTestId("announcer")).toHaveText("Starred");
  await expect((await menuOf(keep)).getByRole("menuitem", { name: /^Unstar/ })).toBeVisible();
  await page.keyboard.press("Escape");

  await (await menuOf(keep)).getByRole("menuitem", { name: "Add to board…" }).click();
  const boards = page.getByRole("dialog", { name: "Boards" });
  await boards.getByLabel("New board name").fill("From the studio");
  await boards.getByRole("button", { name: "Create" }).click();
  await expect(boards.getByRole("checkbox", { name: /From the studio/ })).toBeChecked();
  await boards.getByRole("button", { name: "Close" }).click();

  // Edit puts the image into the composer in place.
  await (await menuOf(keep)).getByRole("menuitem", { name: "Edit this" }).click();
  await expect(page.getByRole("list", { name: "Reference images" }).locator("> li")).toHaveCount(1);

  await (await menuOf(gone)).getByRole("menuitem", { name: "Delete…" }).click();
  await page
    .getByRole("dialog", { name: "Delete this image?" })
    .getByRole("button", { name: "Delete" })
    .click();
  await expect(card(gone)).toHaveCount(0);
  await expect(page.getByTestId("announcer")).toHaveText("Image deleted.");

  await (await menuOf(keep)).getByRole("menuitem", { name: "Remix" }).click();
  await expect(page.getByLabel("Prompt")).toHaveValue(keep);

  await page.goto("/gallery?starred=1");
  await expect(tile(page, keep)).toBeVisible();
  await expect(tile(page, gone)).toHaveCount(0);
});
