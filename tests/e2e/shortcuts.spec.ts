import { expect, type Page, test } from "@playwright/test";
import { generate, resultImage, signUp } from "./support/flows";

const tile = (page: Page, prompt: string) => page.getByRole("listitem", { name: prompt, exact: true });
const openLink = (page: Page, prompt: string) =>
  tile(page, prompt).getByRole("link", { name: `Open: ${prompt}` });

test("/ searches, arrows move through the grid, s stars, Enter opens and ? lists the shortcuts", async ({
  page,
}) => {
  await signUp(page);
  // Six square images: five fill the first row of a desktop's five columns, the sixth goes under the first.
  const prompts = [1, 2, 3, 4, 5, 6].map((i) => `Key ${i} [sim:durationMs=50]`);
  for (const prompt of prompts) await generate(page, prompt);
  for (const prompt of prompts) await resultImage(page, prompt);
  const [k1, , , k4, k5, k6] = prompts as [string, string, string, string, string, string];
  await page.goto("/gallery");

  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("/");
  await expect(page.getByLabel("Search prompts")).toBeFocused();
  // Typing "/" into the search is just a character.
  await page.keyboard.type("a/b");
  await expect(page.getByLabel("Search prompts")).toHaveValue("a/b");
  await page.getByLabel("Search prompts").fill("");

  // Newest first: Key 6 is the first tile, Key 1 the sixth, under Key 6.
  await openLink(page, k6).focus();
  await page.keyboard.press("ArrowRight");
  await expect(openLink(page, k5)).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowLeft");
  await expect(openLink(page, k5)).toBeFocused();
  await page.keyboard.press("End");
  await expect(openLink(page, k1)).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(openLink(page, k6)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(openLink(page, k1)).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(openLink(page, tileName(prompts, 2))).toBeFocused();

  // s stars the focused tile, and again unstars it.
  const starOf = (prompt: string) => tile(page, prompt).getByRole("button", { name: "Star" });
  await openLink(page, k4).focus();
  await page.keyboard.press("s");
  await expect(starOf(k4)).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("announcer")).toHaveText("Starred");
  await page.keyboard.press("s");
  await expect(starOf(k4)).toHaveAttribute("aria-pressed", "false");

  // Enter opens the viewer; s stars what it shows; the arrows step through it.
  await page.keyboard.press("Enter");
  const viewer = page.getByRole("dialog", { name: `Viewer: ${k4}` });
  await expect(viewer).toBeVisible();
  await page.keyboard.press("s");
  await expect(viewer.getByRole("button", { name: "Star" })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("dialog", { name: `Viewer: ${tileName(prompts, 3)}` })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(starOf(k4)).toHaveAttribute("aria-pressed", "true");

  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help).toContainText("Star or unstar");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // The shortcuts list is on the studio page too; single keys typed into the prompt stay text.
  await page.goto("/");
  await page.getByLabel("Prompt").fill("");
  await page.getByLabel("Prompt").pressSequentially("s?/");
  await expect(page.getByLabel("Prompt")).toHaveValue("s?/");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();
  await page.getByRole("heading", { name: "Recent results" }).click();
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
});

/** "Key n [sim…]" for n. */
function tileName(prompts: string[], n: number): string {
  return prompts[n - 1] ?? "";
}
