import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2ePort, startAppServer } from "./support/app-server";
import { generate, PASSWORD, resultImage } from "./support/flows";

test("generations survive a restart, and a second process cannot open the same database", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const dataDir = path.resolve(`tests/.tmp/restart-${Date.now()}`);
  const port = e2ePort(1);
  const first = await startAppServer({ port, dataDir });
  const prompt = "Something worth keeping [sim:durationMs=500]";
  const email = `restart-${Date.now()}@example.com`;
  try {
    await page.goto(`${first.url}/sign-up`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Recent results" })).toBeVisible();
    await generate(page, prompt);
    await resultImage(page, prompt);

    const intruder = await startAppServer({ port: port + 1, dataDir, waitUntilReady: false });
    expect(await intruder.exited).not.toBe(0);
    expect(intruder.output()).toContain("is in use by another process");
  } finally {
    await first.stop();
  }

  const second = await startAppServer({ port, dataDir });
  try {
    await page.context().clearCookies();
    await page.goto(`${second.url}/sign-in`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await resultImage(page, prompt);
    await page.goto(`${second.url}/gallery`);
    await expect(page.getByRole("img", { name: prompt })).toBeVisible();
  } finally {
    await second.stop();
  }
});
