import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { PASSWORD, resultImage } from "./support/flows";

async function tabTo(page: Page, accessibleName: string, max = 30) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const name = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return (
        el?.getAttribute("aria-label") ??
        (el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
        el?.closest("label")?.textContent ??
        ""
      );
    });
    if (name?.trim().startsWith(accessibleName)) return;
  }
  throw new Error(`Tab never reached ${accessibleName}`);
}

async function signUpByKeyboard(page: Page) {
  await page.goto("/sign-up");
  await tabTo(page, "Email");
  await page.keyboard.type(`keys-${randomUUID()}@example.com`);
  await page.keyboard.press("Tab");
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Recent results" })).toBeVisible();
}

test("the whole flow works with only the keyboard", async ({ page }) => {
  await signUpByKeyboard(page);

  await tabTo(page, "Prompt");
  const prompt = "Typed without a mouse [sim:durationMs=500]";
  await page.keyboard.type(prompt);
  await page.keyboard.press("Tab"); // the reference images' "Add images" button
  await expect(page.getByRole("button", { name: "Add images" })).toBeFocused();
  await page.keyboard.press("Tab"); // into the aspect ratios, on the checked one (1:1)
  await page.keyboard.press("ArrowRight"); // 4:3
  await expect(page.getByRole("radio", { name: "4:3" })).toBeChecked();
  await page.keyboard.press("Tab"); // into quality
  await page.keyboard.press("ArrowRight"); // High
  await expect(page.getByRole("radio", { name: "High (4K)" })).toBeChecked();
  await page.keyboard.press("Tab"); // into the variations, on 1
  await expect(page.getByRole("radio", { name: "1 image" })).toBeFocused();
  await page.keyboard.press("Control+Enter");

  const card = page.getByRole("article", { name: `Generation: ${prompt}` });
  await expect(card).toContainText("4:3 · 4K");
  await resultImage(page, prompt);
});

test("the gallery and its menus work with only the keyboard", async ({ page }) => {
  await signUpByKeyboard(page);
  const prompt = "Found by keyboard [sim:durationMs=50]";
  await tabTo(page, "Prompt");
  await page.keyboard.type(prompt);
  await page.keyboard.press("Control+Enter");
  await resultImage(page, prompt);

  await page.goto("/gallery");
  await tabTo(page, `Select: ${prompt}`);
  await page.keyboard.press("Space");
  await expect(page.getByRole("toolbar", { name: "Selection" })).toContainText("1 selected");
  await tabTo(page, "Star");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Star" })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Tab"); // the actions menu
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "View" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "Download original" })).toBeFocused();
  await expect(page.getByRole("menuitem", { name: "Copy prompt" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menuitem", { name: "Copy prompt" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Actions" })).toBeFocused();
  // Onwards (wrapping round the page) to the image's link, which opens the viewer.
  await tabTo(page, `Open: ${prompt}`, 60);
  await page.keyboard.press("Enter");
  const viewer = page.getByRole("dialog", { name: `Viewer: ${prompt}` });
  await expect(viewer).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(viewer).toBeHidden();
  await expect(page.getByRole("link", { name: `Open: ${prompt}` })).toBeFocused();
});
