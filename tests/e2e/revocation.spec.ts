import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { e2eDataDir } from "./support/app-server";
import { generate, resultImage, signUp } from "./support/flows";
import { shareFromImagePage } from "./support/shares";

// Finding 3 of the security review: what the app hands out must stop being readable when access
// ends (revoked share, deleted image, signed-out browser), whatever a cache kept.

const status = (page: Page, url: string) =>
  page.evaluate(async (target) => (await fetch(target)).status, url);

async function revoke(page: Page, prompt: string) {
  await page.goto("/shares");
  await page
    .getByRole("listitem", { name: `Share link for ${prompt}` })
    .getByRole("button", { name: "Revoke" })
    .click();
  await page.getByRole("dialog").getByRole("button", { name: "Turn off link" }).click();
  await expect(page.getByRole("listitem", { name: `Share link for ${prompt}` })).toHaveCount(0);
}

/** The stored files of a generation's result, by name, as they are on disk now. */
function resultFiles(generationId: string): Map<string, fs.Stats> {
  const users = path.join(e2eDataDir(), "media", "users");
  const files = new Map<string, fs.Stats>();
  for (const user of fs.readdirSync(users)) {
    const dir = path.join(users, user, "results", generationId);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) files.set(name, fs.statSync(path.join(dir, name)));
  }
  return files;
}

const conditional = (request: APIRequestContext, url: string, etag: string) =>
  request.get(url, { headers: { "if-none-match": etag } });

test("the image optimizer is off: /_next/image serves no share, live or revoked", async ({
  page,
  browser,
}) => {
  await signUp(page);
  const prompt = "Optimised away [sim:durationMs=50]";
  const { shareUrl } = await shareFromImagePage(page, prompt, { showPrompt: false });
  const token = new URL(shareUrl).pathname.split("/")[2] ?? "";
  const optimised = `/_next/image?url=${encodeURIComponent(`/s/${token}/image`)}&w=640&q=75`;
  const visitor = await browser.newContext();
  expect((await visitor.request.get(`${shareUrl}/image`)).status()).toBe(200);
  const live = await visitor.request.get(optimised);
  expect(live.status()).toBe(404);
  expect(live.headers()["content-type"] ?? "").not.toMatch(/^image\//);

  await revoke(page, prompt);
  expect((await visitor.request.get(`${shareUrl}/image`)).status()).toBe(404);
  expect((await visitor.request.get(optimised)).status()).toBe(404);
  await visitor.close();
});

test("a share's image and preview revalidate by ETag, 404 once revoked; the preview is made once and deleted with the image", async ({
  page,
  browser,
}) => {
  await signUp(page);
  const prompt = "Previewed once [sim:durationMs=50]";
  const { shareUrl, generationUrl } = await shareFromImagePage(page, prompt, { showPrompt: false });
  const generationId = generationUrl.split("/g/")[1] ?? "";
  const visitor = await browser.newContext();
  const guest = visitor.request;

  expect(resultFiles(generationId).has("original-preview.jpg")).toBe(false);
  const preview = await guest.get(`${shareUrl}/preview`);
  expect(preview.status()).toBe(200);
  expect(preview.headers()["cache-control"]).toBe("public, no-cache");
  const stored = resultFiles(generationId).get("original-preview.jpg");
  expect(stored?.size).toBe((await preview.body()).length);
  // Asked again, it is read from the stored file, not rendered and written anew.
  expect((await (await guest.get(`${shareUrl}/preview`)).body()).length).toBe(stored?.size);
  expect(resultFiles(generationId).get("original-preview.jpg")?.ino).toBe(stored?.ino);

  const image = await guest.get(`${shareUrl}/image`);
  expect(image.headers()["cache-control"]).toBe("public, no-cache");
  const etags = {
    image: image.headers().etag ?? "",
    preview: preview.headers().etag ?? "",
  };
  expect(etags.image).toMatch(/^".+"$/);
  expect(etags.preview).toMatch(/^".+"$/);
  expect((await conditional(guest, `${shareUrl}/image`, etags.image)).status()).toBe(304);
  expect((await conditional(guest, `${shareUrl}/preview`, etags.preview)).status()).toBe(304);

  await revoke(page, prompt);
  // A cache revalidating what it kept hears that the share is gone.
  expect((await conditional(guest, `${shareUrl}/image`, etags.image)).status()).toBe(404);
  expect((await conditional(guest, `${shareUrl}/preview`, etags.preview)).status()).toBe(404);

  await page.goto(generationUrl);
  await page.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/gallery$/);
  expect([...resultFiles(generationId).keys()]).toEqual([]);
  await visitor.close();
});

test("private media is revalidated on every use: after sign-out the browser's cache shows nothing, and only the owner gets a 304", async ({
  page,
  browser,
}) => {
  await signUp(page);
  const prompt = "Not for the next user of this computer [sim:durationMs=50]";
  await generate(page, prompt);
  const thumbnail = (await (await resultImage(page, prompt)).getAttribute("src")) ?? "";
  expect(thumbnail).toMatch(/^\/media\/[0-9a-f-]{36}\/thumbnail$/);
  const original = thumbnail.replace(/thumbnail$/, "original");

  const first = await page.request.get(original);
  expect(first.status()).toBe(200);
  expect(first.headers()["cache-control"]).toBe("private, no-cache");
  const etag = first.headers().etag ?? "";
  expect((await conditional(page.request, original, etag)).status()).toBe(304);

  // A conditional request is checked like any other: no session, or someone else's, is a 404.
  const stranger = await browser.newContext();
  expect((await conditional(stranger.request, original, etag)).status()).toBe(404);
  const other = await stranger.newPage();
  await signUp(other);
  expect((await conditional(other.request, original, etag)).status()).toBe(404);
  await stranger.close();

  // The browser itself: both files are in its cache now, and after sign-out it may not show them.
  expect(await status(page, original)).toBe(200);
  expect(await status(page, thumbnail)).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await status(page, original)).toBe(404);
  expect(await status(page, thumbnail)).toBe(404);
});
