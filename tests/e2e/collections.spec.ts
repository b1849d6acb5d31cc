import { expect, type Page, test } from "@playwright/test";
import { generate, resultImage, signUp } from "./support/flows";

const tile = (page: Page, prompt: string) => page.getByRole("listitem", { name: prompt, exact: true });
const tilePrompts = (page: Page) =>
  page
    .getByRole("list", { name: "Images" })
    .locator("> li")
    .evaluateAll((items) => items.map((item) => item.getAttribute("aria-label") ?? "").sort());

async function boardsFor(page: Page, prompt: string) {
  await tile(page, prompt).getByRole("button", { name: "Actions" }).click();
  await page
    .getByRole("menu", { name: `Actions: ${prompt}` })
    .getByRole("menuitem", { name: "Add to board…" })
    .click();
  const dialog = page.getByRole("dialog", { name: "Boards" });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function newBoard(dialog: ReturnType<Page["getByRole"]>, name: string) {
  await dialog.getByLabel("New board name").fill(name);
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByRole("checkbox", { name: new RegExp(`^${name}`) })).toBeChecked();
}

test("boards: an image on two, the gallery filtered by each, taken off, renamed, deleted; invisible to others", async ({
  page,
  browser,
}) => {
  await signUp(page);
  const [coast, forest] = ["Board coast [sim:durationMs=50]", "Board forest [sim:durationMs=50]"];
  for (const prompt of [coast, forest]) await generate(page, prompt);
  for (const prompt of [coast, forest]) await resultImage(page, prompt);
  await page.goto("/gallery");

  // The coast image on two new boards; the forest image on one of them.
  let dialog = await boardsFor(page, coast);
  await newBoard(dialog, "Seaside");
  await newBoard(dialog, "Favourites");
  await dialog.getByRole("button", { name: "Close" }).click();
  dialog = await boardsFor(page, forest);
  await expect(dialog.getByRole("checkbox", { name: /^Seaside/ })).not.toBeChecked();
  await dialog.getByRole("checkbox", { name: /^Favourites/ }).check();
  await expect(page.getByTestId("announcer")).toHaveText("Added to Favourites");
  await dialog.getByRole("button", { name: "Close" }).click();

  await page.getByRole("combobox", { name: "Board", exact: true }).selectOption({ label: "Seaside" });
  await expect.poll(() => tilePrompts(page)).toEqual([coast]);
  await page.getByRole("combobox", { name: "Board", exact: true }).selectOption({ label: "Favourites" });
  await expect.poll(() => tilePrompts(page)).toEqual([coast, forest].sort());
  const favouritesUrl = page.url();
  expect(new URL(favouritesUrl).searchParams.get("board")).toMatch(/^[0-9a-f-]{36}$/);

  // Taken off a board from the viewer; the filtered gallery follows after a reload.
  await tile(page, coast)
    .getByRole("link", { name: `Open: ${coast}` })
    .click();
  await page
    .getByRole("dialog", { name: `Viewer: ${coast}` })
    .getByRole("button", { name: "Add to board…" })
    .click();
  dialog = page.getByRole("dialog", { name: "Boards" });
  await dialog.getByRole("checkbox", { name: /^Favourites/ }).uncheck();
  await expect(page.getByTestId("announcer")).toHaveText("Removed from Favourites");
  await dialog.getByRole("button", { name: "Close" }).click();
  await page.keyboard.press("Escape");
  await page.goto(favouritesUrl.replace(/[?&]view=[^&]*/, ""));
  await expect.poll(() => tilePrompts(page)).toEqual([forest]);

  // Renamed and deleted from "Manage boards…"; deleting a board keeps its images.
  await page.getByRole("button", { name: "Manage boards…" }).click();
  const manage = page.getByRole("dialog", { name: "Boards" });
  await manage.getByLabel("Name of Seaside").fill("Coastline");
  await manage.getByRole("button", { name: "Rename" }).click();
  await expect(manage.getByLabel("Name of Coastline")).toBeVisible();
  await manage
    .getByRole("listitem")
    .filter({ has: page.getByLabel("Name of Favourites") })
    .getByRole("button", { name: "Delete…" })
    .click();
  await manage.getByRole("button", { name: "Delete Favourites" }).click();
  await expect(manage.getByLabel("Name of Favourites")).toHaveCount(0);
  await manage.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("combobox", { name: "Board", exact: true }).locator("option")).toHaveText([
    "All",
    "Coastline",
  ]);
  await page.getByRole("combobox", { name: "Board", exact: true }).selectOption("");
  await expect.poll(() => tilePrompts(page)).toEqual([coast, forest].sort());
  const coastlineId = await page
    .getByRole("combobox", { name: "Board", exact: true })
    .locator("option", { hasText: "Coastline" })
    .getAttribute("value");

  // Someone else sees none of it: no boards, nothing through the owner's board id, nothing by API.
  const other = await browser.newContext();
  const intruder = await other.newPage();
  await signUp(intruder);
  await intruder.goto(`/gallery?board=${coastlineId}`);
  await expect(intruder.getByRole("combobox", { name: "Board", exact: true }).locator("option")).toHaveText([
    "All",
  ]);
  await expect(
    intruder.getByText("Nothing here yet.").or(intruder.getByText(/Nothing on this board/)),
  ).toBeVisible();
  expect((await intruder.request.get("/api/collections?generationId=not-an-id")).status()).toBe(400);
  const listed = await intruder.request.get("/api/collections");
  expect(await listed.json()).toEqual({ boards: [] });
  const filtered = await intruder.request.get(`/api/gallery?board=${coastlineId}`);
  expect((await filtered.json()).items).toEqual([]);
  await other.close();
});
