import { expect, type Locator, type Page, test } from "@playwright/test";
import { generate, resultImage, signUp } from "./support/flows";
import { pickFiles, solidImage, tray } from "./support/references";

test.use({ viewport: { width: 390, height: 844 } });

const composer = (page: Page) => page.getByRole("form", { name: "Create an image" });

const overlaps = async (a: Locator, b: Locator) => {
  const [x, y] = [await a.boundingBox(), await b.boundingBox()];
  if (!x || !y) throw new Error("not laid out");
  return x.x < y.x + y.width && y.x < x.x + x.width && x.y < y.y + y.height && y.y < x.y + x.height;
};

test("on a phone: one-line banner, the nav behind a menu, and the composer docked at the bottom", async ({
  page,
}) => {
  await signUp(page);
  const note = page.getByRole("note").filter({ hasText: "Simulated upstream" });
  const [height, lineHeight] = await note.evaluate((element) => [
    element.getBoundingClientRect().height,
    Number.parseFloat(getComputedStyle(element).lineHeight),
  ]);
  expect(height).toBeLessThan(lineHeight * 1.5);

  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeHidden();
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("combobox", { name: "Theme" })).toBeVisible();
  await nav.getByRole("link", { name: "Gallery" }).click();
  await expect(page.getByRole("heading", { name: "Gallery" })).toBeVisible();
  await expect(nav).toBeHidden();
  await page.goto("/");

  // Docked: the composer's bottom edge is the screen's, however far the page is scrolled.
  const box = await composer(page).boundingBox();
  expect(Math.round((box?.y ?? 0) + (box?.height ?? 0))).toBe(844);
  expect(await composer(page).evaluate((form) => getComputedStyle(form).position)).toBe("fixed");
  await expect(page.getByRole("button", { name: "Generate" })).toBeInViewport();
});

test("on a phone the new result is scrolled into view and announced after Generate", async ({ page }) => {
  await signUp(page);
  for (const prompt of [
    "A red kite over dunes [sim:durationMs=200]",
    "A green door in a wall [sim:durationMs=200]",
  ]) {
    await generate(page, prompt);
    await resultImage(page, prompt);
  }
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const first = page.getByRole("article", { name: "Generation: A red kite over dunes [sim:durationMs=200]" });
  await expect(first).toBeInViewport();

  const prompt = "A blue boat on a still lake [sim:durationMs=3000]";
  const card = await generate(page, prompt);
  await expect(card).toBeInViewport();
  await expect(
    page.locator("[role=status]", { hasText: "Started: A blue boat on a still lake" }),
  ).toHaveCount(1);
});

test("on a phone the tray's buttons leave the image labels readable", async ({ page }) => {
  await signUp(page);
  await page.getByRole("button", { name: /^Options/ }).click();
  await pickFiles(page, [await solidImage("one.png", "#d01010"), await solidImage("two.png", "#1010d0")]);
  await expect(tray(page)).toHaveCount(2);
  for (const [index, item] of (await tray(page).all()).entries()) {
    const label = item.getByText(`image ${index + 1}`, { exact: true });
    await expect(label).toBeVisible();
    for (const button of await item.getByRole("button").all()) {
      await expect(button).toBeVisible();
      expect(await overlaps(label, button)).toBe(false);
    }
  }
});
