import { expect, type Page, test } from "@playwright/test";
import { PASSWORD, signUp } from "./support/flows";

// Finding 12 of the security review: when the session is gone, the composer says so (not "could not
// reach the server"), keeps what was typed, and brings it back after signing in again.

const ENDED = "Your session has ended. Sign in again; your prompt is kept.";
const promptError = (page: Page) => page.locator("#prompt-error");

async function typeDraft(page: Page, prompt: string) {
  await page.getByLabel("Prompt").fill(prompt);
  await page.getByText("16:9", { exact: true }).click();
  await page.locator("label", { hasText: "High (4K)" }).click();
}

test("with the session cookie gone, Generate says the session ended, keeps the prompt, and signing in brings it back", async ({
  page,
  context,
}) => {
  const email = await signUp(page);
  const prompt = "A lighthouse typed just before the session ran out";
  await typeDraft(page, prompt);
  await context.clearCookies();

  await page.getByRole("button", { name: "Generate" }).click();
  await expect(promptError(page)).toHaveText(ENDED);
  await expect(page.getByLabel("Prompt")).toHaveValue(prompt);

  await page.getByRole("button", { name: "Sign in again" }).click();
  await expect(page).toHaveURL(/\/sign-in\?error=ended/);
  await expect(page.getByRole("status")).toContainText("Your session has ended");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Recent results" })).toBeVisible();
  await expect(page.getByLabel("Prompt")).toHaveValue(prompt);
  await expect(page.getByRole("radio", { name: "16:9" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "High (4K)" })).toBeChecked();
  await expect(page.getByRole("article")).toHaveCount(0);
});

test("with the session ended on the server (signed out elsewhere), Generate offers to sign in again", async ({
  page,
  context,
  browser,
}) => {
  await signUp(page);
  const prompt = "Signed out in another browser";
  await page.getByLabel("Prompt").fill(prompt);
  const elsewhere = await browser.newContext();
  await elsewhere.addCookies(await context.cookies());
  const other = await elsewhere.newPage();
  await other.goto("/");
  await other.getByRole("button", { name: "Sign out" }).click();
  await expect(other).toHaveURL(/\/sign-in/);
  await elsewhere.close();

  await page.getByRole("button", { name: "Generate" }).click();
  await expect(promptError(page)).toHaveText(ENDED);
  await expect(page.getByRole("button", { name: "Sign in again" })).toBeVisible();
  await expect(page.getByLabel("Prompt")).toHaveValue(prompt);
});
