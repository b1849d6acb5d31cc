import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { generate, resultImage, signUp } from "./support/flows";
import { openImagePage, shareFromImagePage } from "./support/shares";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const toast = (page: import("@playwright/test").Page) => page.getByTestId("toast");

test("a new share link is copied at once with a toast; then 'create' steps back and revoking asks first", async ({
  page,
  browser,
}) => {
  await signUp(page);
  const prompt = "A harbour at dawn [sim:durationMs=50]";
  await openImagePage(page, prompt);

  const create = page.getByRole("button", { name: "Create share link" });
  await expect(create).toHaveClass(/bg-violet-700/);
  await create.click();
  await expect(toast(page)).toHaveText("Link copied");
  const link = page.getByRole("textbox", { name: "Share link", exact: true });
  await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{43}$/);
  const shareUrl = await link.inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shareUrl);
  // With a link made, making another is no longer the main action.
  await expect(page.getByRole("button", { name: "Create share link" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create another link" })).not.toHaveClass(/bg-violet-700/);

  // Copy again from the row.
  await page.evaluate(() => navigator.clipboard.writeText("something else"));
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(toast(page)).toHaveText("Link copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shareUrl);

  // Revoking asks first; cancelling keeps the link working.
  const visitor = await browser.newContext();
  await page.getByRole("button", { name: "Revoke" }).click();
  const dialog = page.getByRole("dialog", { name: "Turn off this link?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(link).toHaveValue(shareUrl);
  expect((await visitor.request.get(shareUrl)).status()).toBe(200);

  await page.getByRole("button", { name: "Revoke" }).click();
  await dialog.getByRole("button", { name: "Turn off link" }).click();
  await expect(toast(page)).toHaveText("Link turned off");
  await expect(page.getByText("No active share links.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create share link" })).toHaveClass(/bg-violet-700/);
  await visitor.close();
});

test("a revoked or unknown link gets the app's page saying so, and nothing of the image", async ({
  page,
  browser,
}) => {
  await signUp(page);
  const prompt = "A private lighthouse recipe [sim:durationMs=50]";
  const { shareUrl } = await shareFromImagePage(page, prompt, { showPrompt: true });
  await page.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Turn off link" }).click();
  await expect(page.getByText("No active share links.")).toBeVisible();

  const visitor = await browser.newContext();
  const guest = await visitor.newPage();
  const unknown = `${new URL(shareUrl).origin}/s/${"A".repeat(43)}`;
  const pages: string[] = [];
  for (const url of [shareUrl, unknown, `${new URL(shareUrl).origin}/s/short`]) {
    const response = await guest.goto(url);
    expect(response?.status()).toBe(404);
    await expect(guest.getByRole("heading", { level: 1 })).toHaveText(
      "This link was turned off by its owner",
    );
    // Styled like the app (the share page inlines its own small stylesheet), not a bare 404.
    expect(await guest.locator("main").evaluate((main) => getComputedStyle(main).textAlign)).toBe("center");
    expect(await guest.locator("style").count()).toBeGreaterThan(0);
    await expect(guest).toHaveTitle(/Link turned off/);
    const html = await guest.content();
    expect(html).not.toContain("lighthouse recipe");
    expect(html).not.toMatch(/\/media\/|\/g\/|<img/);
    pages.push((await guest.locator("main").textContent()) ?? "");
  }
  // The same words whether the link was revoked or never existed.
  expect(new Set(pages).size).toBe(1);
  await visitor.close();
});

test("image and share pages show the display-sized copy by srcset; download gives the original", async ({
  page,
  browser,
}) => {
  await signUp(page);
  const prompt = "A 4K mountain [sim:durationMs=50]";
  await page.getByRole("radio", { name: /High/ }).check({ force: true });
  await generate(page, prompt);
  await resultImage(page, prompt);
  // The card's link opens the viewer in place; the image page is where that link points.
  const href = await page
    .getByRole("article", { name: `Generation: ${prompt}` })
    .getByRole("link", { name: "Open" })
    .getAttribute("href");
  await page.goto(href ?? "");
  const main = page.getByRole("main").getByRole("img", { name: prompt, exact: true });
  await expect.poll(() => main.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const src = (await main.getAttribute("src")) ?? "";
  expect(src).toMatch(/^\/media\/[0-9a-f-]{36}\/display$/);
  expect(await main.getAttribute("srcset")).toMatch(
    /\/thumbnail 640w, \/media\/[0-9a-f-]{36}\/medium 1280w, \/media\/[0-9a-f-]{36}\/display 2048w$/,
  );
  expect(await main.evaluate((img: HTMLImageElement) => img.currentSrc)).not.toContain("/original");
  const display = await page.request.get(src);
  expect(display.headers()["content-type"]).toBe("image/webp");
  expect(await sharp(await display.body()).metadata()).toMatchObject({ width: 2048, height: 2048 });
  const medium = await page.request.get(src.replace(/display$/, "medium"));
  expect(medium.headers()["content-type"]).toBe("image/webp");
  expect(await sharp(await medium.body()).metadata()).toMatchObject({ width: 1280, height: 1280 });
  const original = await page.request.get(src.replace(/display$/, "original"));
  expect(await sharp(await original.body()).metadata()).toMatchObject({ width: 4096, height: 4096 });
  // A phone (390 px at 2×) is given the medium copy, not the display one.
  const phone = await browser.newContext({
    storageState: await page.context().storageState(),
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
  });
  const onPhone = await phone.newPage();
  await onPhone.goto(href ?? "");
  const phoneImage = onPhone.getByRole("main").getByRole("img", { name: prompt, exact: true });
  await expect
    .poll(() => phoneImage.evaluate((img: HTMLImageElement) => img.currentSrc))
    .toMatch(/\/medium$/);
  await phone.close();
  // Someone else gets the same 404 for the sized copies as for the original.
  const stranger = await browser.newContext();
  expect((await stranger.request.get(src)).status()).toBe(404);
  expect((await stranger.request.get(src.replace(/display$/, "medium"))).status()).toBe(404);

  await page.getByRole("button", { name: "Create share link" }).click();
  const shareUrl = await page.getByRole("textbox", { name: "Share link", exact: true }).inputValue();
  const guest = await stranger.newPage();
  await guest.goto(shareUrl);
  const shared = guest.getByRole("img", { name: "An image made with Seedream Studio" });
  await expect.poll(() => shared.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const token = new URL(shareUrl).pathname.split("/")[2];
  expect(await shared.getAttribute("src")).toBe(`/s/${token}/display`);
  expect(await shared.getAttribute("srcset")).toBe(`/s/${token}/preview 1200w, /s/${token}/display 2048w`);
  expect(await shared.evaluate((img: HTMLImageElement) => img.currentSrc)).not.toMatch(/\/image$/);
  const download = await stranger.request.get(
    (await guest.getByRole("link", { name: "Download full size" }).getAttribute("href")) ?? "",
  );
  expect(await sharp(await download.body()).metadata()).toMatchObject({ width: 4096, height: 4096 });
  const sharedDisplay = await stranger.request.get(`${shareUrl}/display`);
  expect(sharedDisplay.headers()["content-type"]).toBe("image/webp");

  await page.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Turn off link" }).click();
  await expect(page.getByText("No active share links.")).toBeVisible();
  expect((await stranger.request.get(`${shareUrl}/display`)).status()).toBe(404);
  await stranger.close();
});
