import { expect, type Page } from "@playwright/test";
import { generate, resultImage } from "./flows";

/** Generates `prompt` in the studio and opens its image page, where the share panel is. */
export async function openImagePage(page: Page, prompt: string) {
  await generate(page, prompt);
  await resultImage(page, prompt);
  await page
    .getByRole("article", { name: `Generation: ${prompt}` })
    .getByRole("link", { name: "Open" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: prompt })).toBeVisible();
}

/** Generates `prompt`, opens its image page and makes a share link there. */
export async function shareFromImagePage(
  page: Page,
  prompt: string,
  { showPrompt, allowIndexing = false }: { showPrompt: boolean; allowIndexing?: boolean },
) {
  await openImagePage(page, prompt);
  const generationUrl = page.url();
  if (showPrompt) await page.getByLabel("Show the prompt on the shared page").check();
  if (allowIndexing) await page.getByLabel("Let search engines index it").check();
  await page.getByRole("button", { name: "Create share link" }).click();
  const link = page
    .getByRole("list", { name: "Active share links" })
    .getByRole("textbox", { name: "Share link", exact: true })
    .first();
  await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{43}$/);
  return { shareUrl: await link.inputValue(), generationUrl };
}
