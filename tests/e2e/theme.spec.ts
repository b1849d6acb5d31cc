import { expect, type Page, test } from "@playwright/test";
import { signUp } from "./support/flows";

const THEME_KEY = "seedream:theme";

const html = (page: Page) => page.locator("html");
/** The page's background lightness, 0 (black) to 255 (white), whatever colour space CSS gave it in. */
const bodyLightness = (page: Page) =>
  page.evaluate(() => {
    const context = document.createElement("canvas").getContext("2d");
    if (!context) throw new Error("no canvas");
    context.fillStyle = getComputedStyle(document.body).backgroundColor;
    context.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0] = context.getImageData(0, 0, 1, 1).data;
    return (r + g + b) / 3;
  });

test("the theme follows the system's preference, also when it changes while the page is open", async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/sign-in");
  await expect(html(page)).toHaveClass(/\bdark\b/);
  await expect(html(page)).toHaveAttribute("data-theme", "system");
  expect(await bodyLightness(page)).toBeLessThan(60);

  await page.emulateMedia({ colorScheme: "light" });
  await expect(html(page)).not.toHaveClass(/\bdark\b/);
  expect(await bodyLightness(page)).toBeGreaterThan(200);
});

test("a theme chosen in the header is kept across a reload and wins over the system's", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await signUp(page);
  const select = page.getByRole("combobox", { name: "Theme" });
  await expect(select).toHaveValue("system");
  await select.selectOption("dark");
  await expect(html(page)).toHaveClass(/\bdark\b/);

  await page.reload();
  await expect(html(page)).toHaveClass(/\bdark\b/);
  await expect(page.getByRole("combobox", { name: "Theme" })).toHaveValue("dark");
  expect(await bodyLightness(page)).toBeLessThan(60);

  await page.emulateMedia({ colorScheme: "dark" });
  await page.getByRole("combobox", { name: "Theme" }).selectOption("light");
  await page.reload();
  await expect(html(page)).not.toHaveClass(/\bdark\b/);
  await expect(html(page)).toHaveAttribute("data-theme", "light");

  await page.getByRole("combobox", { name: "Theme" }).selectOption("system");
  await expect(html(page)).toHaveClass(/\bdark\b/);
  expect(await page.evaluate((key) => localStorage.getItem(key), THEME_KEY)).toBeNull();
});

test("no flash: <html> is dark before any of the app's JavaScript has run", async ({ page }) => {
  await page.addInitScript((key) => localStorage.setItem(key, "dark"), THEME_KEY);
  // With Next's bundles refused, React never loads: only the inline head script can have set it.
  await page.route(/\/_next\/static\/.*\.js(\?|$)/, (route) => route.abort());
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/sign-in");
  await expect(html(page)).toHaveClass(/\bdark\b/);
  await expect(html(page)).toHaveAttribute("data-theme", "dark");
  expect(await page.evaluate(() => "next" in window)).toBe(false);
  expect(await bodyLightness(page)).toBeLessThan(60);
});
