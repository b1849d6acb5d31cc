import { expect, test } from "@playwright/test";
import { generate, resultImage, signUp } from "./support/flows";

test("a second user gets 404 for the first user's generation status and image", async ({ page, browser }) => {
  await signUp(page);
  const prompt = "Private picture of my cat [sim:durationMs=300]";
  const card = await generate(page, prompt);
  const image = await resultImage(page, prompt);
  const generationId = await card.getAttribute("data-generation-id");
  const thumbnail = await image.getAttribute("src");
  const original = thumbnail?.replace("/thumbnail", "/original") ?? "";
  expect(generationId).toBeTruthy();

  const ownStatus = await page.request.get(`/api/generations/${generationId}`);
  expect(ownStatus.status()).toBe(200);
  expect(await ownStatus.text()).not.toMatch(/sim_|callback|result_url|resultUrl/);
  expect((await page.request.get(original)).status()).toBe(200);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signUp(otherPage);
  for (const url of [`/api/generations/${generationId}`, original, thumbnail ?? ""]) {
    expect((await otherPage.request.get(url)).status(), url).toBe(404);
  }
  await otherPage.goto("/gallery");
  await expect(otherPage.getByText("Nothing here yet")).toBeVisible();
  await other.close();

  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(`/api/generations/${generationId}`)).status()).toBe(401);
  expect((await anonymous.request.get(original)).status()).toBe(404);
  await anonymous.close();
});
