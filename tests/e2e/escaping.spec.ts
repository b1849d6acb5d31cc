import { expect, test } from "@playwright/test";
import { generate, resultImage, signUp } from "./support/flows";

// A prompt is untrusted text: it must read as itself everywhere and never run or render as markup.
const hostile = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> "quotes" & 'ticks' <b>bold</b> [sim:durationMs=50]`;

test("a prompt full of HTML and script renders as text on every page and in the meta tags", async ({
  page,
  browser,
}) => {
  page.on("dialog", () => {
    throw new Error("a dialog opened");
  });
  await signUp(page);
  const card = await generate(page, hostile);
  await resultImage(page, hostile);
  const pwned = () => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);
  await expect(card.getByText(hostile)).toBeVisible();
  expect(await pwned()).toBeUndefined();
  expect(await page.locator("main b").count()).toBe(0);

  await page.goto("/gallery");
  await expect(page.getByRole("listitem", { name: hostile, exact: true }).getByText(hostile)).toBeVisible();
  expect(await pwned()).toBeUndefined();
  expect(await page.locator("main b, main script").count()).toBe(0);

  // The viewer (its title too) and the image page show it as text.
  const open = page.getByRole("link", { name: `Open: ${hostile}` });
  await open.click();
  await expect(page.getByRole("dialog", { name: `Viewer: ${hostile}` })).toBeVisible();
  expect(await pwned()).toBeUndefined();
  expect(await page.locator("dialog b, dialog script").count()).toBe(0);
  await page.keyboard.press("Escape");
  await page.goto((await open.getAttribute("href")) ?? "");
  await expect(page.getByRole("heading", { level: 1, name: hostile })).toBeVisible();
  await expect(page).toHaveTitle(`${hostile.slice(0, 79)}… · Seedream Studio`);
  expect(await pwned()).toBeUndefined();
  await page.getByLabel("Show the prompt on the shared page").check();
  await page.getByRole("button", { name: "Create share link" }).click();
  const shareUrl = await page.getByRole("textbox", { name: "Share link", exact: true }).first().inputValue();

  const visitor = await browser.newContext();
  const guest = await visitor.newPage();
  guest.on("dialog", () => {
    throw new Error("a dialog opened");
  });
  await guest.goto(shareUrl);
  await expect(guest.getByText(hostile)).toBeVisible();
  expect(await guest.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await guest.locator("main b, main script").count()).toBe(0);
  expect(await guest.locator('meta[property="og:title"]').getAttribute("content")).toBe(hostile);
  expect(await guest.locator('meta[name="twitter:title"]').getAttribute("content")).toBe(hostile);
  await expect(guest).toHaveTitle(hostile);
  const html = await (await visitor.request.get(shareUrl)).text();
  expect(html).not.toContain("<script>window.__pwned");
  expect(html).not.toContain('<img src=x onerror="window.__pwned');
  await visitor.close();
});
