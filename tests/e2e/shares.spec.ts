import { expect, type Page, test } from "@playwright/test";
import sharp from "sharp";
import { E2E_PORT } from "./support/app-server";
import { signUp } from "./support/flows";
import { shareFromImagePage } from "./support/shares";

const meta = (page: Page, key: string) =>
  page.locator(`meta[property="${key}"], meta[name="${key}"]`).first().getAttribute("content");

test("a share link opens signed out with preview tags, counts views, and dies when revoked", async ({
  page,
  browser,
}) => {
  await signUp(page);
  const prompt = "A secret recipe for bread [sim:durationMs=50]";
  const { shareUrl } = await shareFromImagePage(page, prompt, { showPrompt: false });
  expect(shareUrl.startsWith(`http://localhost:${E2E_PORT}/s/`)).toBe(true);

  const visitor = await browser.newContext();
  const guest = await visitor.newPage();
  const response = await guest.goto(shareUrl);
  expect(response?.status()).toBe(200);
  await expect(guest).toHaveURL(shareUrl);
  const image = guest.getByRole("img", { name: "An image made with Seedream Studio" });
  // A display-sized copy (link preview or display WebP, by srcset), never the original.
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  expect(await image.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/\/(preview|display)$/);
  // The prompt was hidden: not on the page and not in the tags.
  expect(await guest.content()).not.toContain("secret recipe");
  expect(await meta(guest, "og:title")).toBe("An image made with Seedream Studio");
  // The preview is a JPEG of at most 1200 px, exactly the size the tags announce.
  expect(await meta(guest, "og:image")).toBe(`${shareUrl}/preview`);
  expect(await meta(guest, "og:image:width")).toBe("1200");
  expect(await meta(guest, "og:image:height")).toBe("1200");
  const preview = await visitor.request.get(`${shareUrl}/preview`);
  expect(preview.status()).toBe(200);
  expect(preview.headers()["content-type"]).toBe("image/jpeg");
  expect(await sharp(await preview.body()).metadata()).toMatchObject({ width: 1200, height: 1200 });
  expect(await meta(guest, "twitter:card")).toBe("summary_large_image");
  expect(await meta(guest, "twitter:image")).toBe(`${shareUrl}/preview`);
  expect(await meta(guest, "robots")).toContain("noindex");
  const imageResponse = await visitor.request.get(`${shareUrl}/image`);
  expect(imageResponse.status()).toBe(200);
  expect(imageResponse.headers()["content-type"]).toMatch(/^image\//);
  // Nothing else of the owner's is reachable from the share.
  expect(await guest.content()).not.toMatch(/\/media\/|\/g\//);

  await guest.reload();
  await page.reload();
  await expect(page.getByTestId("view-count").first()).toHaveText("2 views");
  await page.goto("/shares");
  await expect(page.getByRole("listitem", { name: `Share link for ${prompt}` })).toContainText("2 views");
  await page.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Turn off link" }).click();
  await expect(page.getByText("No active share links.")).toBeVisible();

  expect((await guest.goto(shareUrl))?.status()).toBe(404);
  expect((await visitor.request.get(`${shareUrl}/image`)).status()).toBe(404);
  expect((await visitor.request.get(`${shareUrl}/preview`)).status()).toBe(404);
  await visitor.close();
});

test("deleting an image revokes its shares; a share can show the prompt and allow indexing", async ({
  page,
  browser,
}) => {
  await signUp(page);
  const prompt = "A shared sunrise [sim:durationMs=50]";
  const { shareUrl } = await shareFromImagePage(page, prompt, { showPrompt: true, allowIndexing: true });
  const visitor = await browser.newContext();
  const guest = await visitor.newPage();
  await guest.goto(shareUrl);
  await expect(guest.getByText(prompt)).toBeVisible();
  expect(await meta(guest, "og:title")).toBe(prompt);
  expect(await meta(guest, "robots")).not.toContain("noindex");

  await page.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/gallery$/);
  expect((await guest.goto(shareUrl))?.status()).toBe(404);
  expect((await visitor.request.get(`${shareUrl}/image`)).status()).toBe(404);
  await visitor.close();
});

/** The id in the answer of the server action that creates a share (never shown in the page). */
async function createdShareId(page: Page): Promise<() => Promise<string>> {
  let found: (id: string) => void = () => {};
  const id = new Promise<string>((resolve) => {
    found = resolve;
  });
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() === "POST" && (request.postData() ?? "").includes("allowIndexing")) {
      const response = await route.fetch();
      const body = await response.text();
      found(body.match(/"id":"([0-9a-f-]{36})"/)?.[1] ?? "");
      await route.fulfill({ response, body });
    } else {
      await route.fallback();
    }
  });
  return async () => {
    const value = await id;
    await page.unroute("**/*");
    return value;
  };
}

test("a second user gets 404 for the first user's image page, media, download and share management", async ({
  page,
  browser,
}) => {
  await signUp(page);
  const prompt = "Mine alone [sim:durationMs=50]";
  const shareIdOfOwner = await createdShareId(page);
  const { shareUrl, generationUrl } = await shareFromImagePage(page, prompt, { showPrompt: true });
  const ownerShareId = await shareIdOfOwner();
  expect(ownerShareId).toMatch(/^[0-9a-f-]{36}$/);
  const id = generationUrl.split("/g/")[1] ?? "";
  const src = (await page.getByRole("img", { name: prompt }).first().getAttribute("src")) ?? "";

  const other = await browser.newContext();
  const intruder = await other.newPage();
  await signUp(intruder);
  expect((await intruder.goto(`/g/${id}`))?.status()).toBe(404);
  expect((await intruder.request.get(src)).status()).toBe(404);
  expect((await intruder.request.get(`/api/generations/${id}/download`)).status()).toBe(404);
  const zip = await intruder.request.post("/api/generations/zip", { form: { ids: id } });
  expect(zip.status()).toBe(404);
  await intruder.goto("/shares");
  await expect(intruder.getByText("No active share links.")).toBeVisible();
  expect(await intruder.content()).not.toContain(shareUrl);

  // Revoking with the owner's share id swapped into the action is refused; the link lives on.
  await intruder.goto("/");
  const ownShareId = await createdShareId(intruder);
  await shareFromImagePage(intruder, "The intruder's own [sim:durationMs=50]", { showPrompt: false });
  const ownId = await ownShareId();
  await intruder.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"]) {
      await route.continue({ postData: (request.postData() ?? "").replaceAll(ownId, ownerShareId) });
    } else {
      await route.continue();
    }
  });
  await intruder.getByRole("button", { name: "Revoke" }).click();
  await intruder.getByRole("dialog").getByRole("button", { name: "Turn off link" }).click();
  await expect(intruder.getByRole("main").getByRole("alert")).toContainText("That link no longer exists.");
  const visitor = await browser.newContext();
  expect((await visitor.request.get(`${shareUrl}/image`)).status()).toBe(200);
  await visitor.close();
  await other.close();
});
