import { expect, type Page, test } from "@playwright/test";
import { generate, resultImage, signUp } from "./support/flows";

const promptBox = (page: Page) => page.getByLabel("Prompt");

test("the last aspect ratio and quality come back on the next visit", async ({ page }) => {
  await signUp(page);
  await expect(page.getByRole("radio", { name: "1:1" })).toBeChecked();
  await page.getByText("16:9", { exact: true }).click();
  await page.locator("label", { hasText: "High (4K)" }).click();
  await page.reload();
  await expect(page.getByRole("radio", { name: "16:9" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "High (4K)" })).toBeChecked();
});

test("an empty studio offers example prompts; ↑ in an empty prompt walks back through recent ones", async ({
  page,
}) => {
  await signUp(page);
  const examples = page.getByRole("list", { name: "Examples to start from" });
  await examples.getByRole("button").first().click();
  await expect(promptBox(page)).not.toHaveValue("");
  await expect(examples).toBeHidden();

  const older = "An old mill by a river [sim:durationMs=200]";
  const newer = "A new moon over a harbour [sim:durationMs=200]";
  for (const prompt of [older, newer]) {
    await generate(page, prompt);
    await resultImage(page, prompt);
  }
  await page.reload();
  await expect(examples).toHaveCount(0);
  await promptBox(page).fill("");
  await promptBox(page).press("ArrowUp");
  await expect(promptBox(page)).toHaveValue(newer);
  await promptBox(page).press("ArrowUp");
  await expect(promptBox(page)).toHaveValue(older);
  await promptBox(page).press("ArrowDown");
  await expect(promptBox(page)).toHaveValue(newer);
  await promptBox(page).press("ArrowDown");
  await expect(promptBox(page)).toHaveValue("");
  // With something typed, the arrows move the caret as usual.
  await promptBox(page).fill("draft");
  await promptBox(page).press("ArrowUp");
  await expect(promptBox(page)).toHaveValue("draft");
});

test("a failed result can be dismissed from the studio and stays dismissed; the gallery still lists it", async ({
  page,
}) => {
  await signUp(page);
  const prompt = "A storm that never arrives [sim:fail,durationMs=200]";
  const card = await generate(page, prompt);
  await expect(card).toHaveAttribute("data-status", "failed");
  await expect(page.getByRole("article")).toHaveCount(1);
  const dismissed = page.waitForResponse((r) => r.request().method() === "POST");
  await card.getByRole("button", { name: "Dismiss" }).click();
  await dismissed;
  await expect(card).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Recent results" })).toBeVisible();
  await expect(page.getByRole("article", { name: `Generation: ${prompt}` })).toHaveCount(0);

  await page.goto("/gallery?status=failed");
  await expect(page.getByRole("listitem").filter({ hasText: "A storm that never arrives" })).toBeVisible();
});
