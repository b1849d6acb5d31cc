import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect, type Page } from "@playwright/test";
import { E2E_SIMULATOR_PORT, simulatorControlHeaders } from "./app-server";

export const PASSWORD = "correct horse battery";

export async function signUp(page: Page, email = `user-${randomUUID()}@example.com`): Promise<string> {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Recent results" })).toBeVisible();
  return email;
}

export async function signIn(page: Page, email: string, baseUrl = ""): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Recent results" })).toBeVisible();
}

export async function generate(page: Page, prompt: string, options: { ratio?: string } = {}) {
  await page.getByLabel("Prompt").fill(prompt);
  if (options.ratio) await page.getByText(options.ratio, { exact: true }).click();
  await page.getByRole("button", { name: "Generate" }).click();
  const card = page.getByRole("article", { name: `Generation: ${prompt}` });
  await expect(card).toBeVisible();
  return card;
}

export async function resultImage(page: Page, prompt: string) {
  const image = page.getByRole("img", { name: prompt, exact: true }).first();
  await expect(image).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  return image;
}

/**
 * Sets (or with null resets) how the in-app simulator behaves: the e2e server's by default (its port
 * is fixed), or the one of an app of a test's own, on `port` with its secret in `dataDir`.
 */
export async function setSimulator(
  request: APIRequestContext,
  patch: Record<string, unknown> | null,
  { port = E2E_SIMULATOR_PORT, dataDir }: { port?: number; dataDir?: string } = {},
) {
  const url = `http://127.0.0.1:${port}/__sim/behaviour`;
  const headers = await simulatorControlHeaders(dataDir);
  const response = patch
    ? await request.post(url, { data: patch, headers })
    : await request.delete(url, { headers });
  expect(response.ok()).toBe(true);
}
