import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import sharp from "sharp";
import { pngBomb } from "../support/images";
import { E2E_PORT, e2ePort, startAppServer } from "./support/app-server";
import { generate, resultImage, signUp } from "./support/flows";
import {
  dataTransferWith,
  dropFiles,
  meanColour,
  pickFiles,
  sentImageUrls,
  solidImage,
  storedUploadFiles,
  tray,
  trayNames,
  uploadsSettled,
} from "./support/references";

const composer = (page: Page) => page.getByRole("form", { name: "Create an image" });
const submitEdit = async (page: Page, prompt: string) => {
  await page.getByLabel("Prompt").fill(prompt);
  await composer(page).getByRole("button", { name: "Edit", exact: true }).click();
  const card = page.getByRole("article", { name: `Generation: ${prompt}` });
  await expect(card).toBeVisible();
  return card;
};
const isRed = ([r, g, b]: number[]) => (r ?? 0) > 150 && (g ?? 0) < 90 && (b ?? 0) < 90;
const isBlue = ([r, g, b]: number[]) => (b ?? 0) > 150 && (r ?? 0) < 90 && (g ?? 0) < 90;

test("a PNG dropped on the page becomes image 1 and the edit derives from it; its URL is signed", async ({
  page,
  browser,
}) => {
  await signUp(page);
  await expect(composer(page)).toHaveAttribute("data-mode", "generate");
  await dropFiles(page, [await solidImage("red.png", "#d01010", { width: 300, height: 200 })]);
  await expect(page.getByRole("img", { name: "image 1: red.png" })).toBeVisible();
  await uploadsSettled(page);
  await expect(composer(page)).toHaveAttribute("data-mode", "edit");
  await expect(composer(page)).toContainText("Editing with 1 reference image");
  await expect(composer(page)).toContainText("12 credits");

  const prompt = "Turn image 1 into a watercolour [sim:durationMs=300]";
  const card = await submitEdit(page, prompt);
  const result = await resultImage(page, prompt);
  expect(isRed(await meanColour(page, (await result.getAttribute("src")) ?? ""))).toBe(true);

  // The result shows its source, and the comparison slider works from the keyboard.
  await expect(card.getByRole("img", { name: "Source image 1" })).toBeVisible();
  await card.getByRole("button", { name: "Compare with image 1" }).click();
  const slider = card.getByRole("slider", { name: /Before and after/ });
  await slider.focus();
  await page.keyboard.press("Home");
  await expect(slider).toHaveAttribute("aria-valuetext", "0% before");
  await page.keyboard.press("ArrowRight");
  await expect(slider).toHaveAttribute("aria-valuetext", "1% before");

  // The upstream got an absolute, signed URL under APP_URL that works without a session...
  const [url] = await sentImageUrls(page, prompt);
  expect(url).toMatch(
    new RegExp(
      `^http://localhost:${E2E_PORT}/media/signed/users/[\\w-]+/uploads/[\\w-]+\\.png\\?exp=\\d+&sig=`,
    ),
  );
  const anonymous = await browser.newContext();
  const fetched = await anonymous.request.get(url ?? "");
  expect(fetched.status()).toBe(200);
  expect(fetched.headers()["content-type"]).toBe("image/png");
  // ...and is useless tampered with: another signature, a later expiry, or another file.
  const signed = new URL(url ?? "");
  const sig = signed.searchParams.get("sig") ?? "";
  const tampered = [
    new URL(signed.toString().replace(`sig=${sig}`, `sig=${sig.slice(0, -2)}AA`)),
    new URL(signed.toString().replace(/exp=(\d+)/, (_, exp) => `exp=${Number(exp) + 86_400}`)),
    new URL(
      signed.toString().replace(/uploads\/[\w-]+\.png/, "uploads/00000000-0000-0000-0000-000000000000.png"),
    ),
  ];
  for (const candidate of tampered) {
    expect((await anonymous.request.get(candidate.toString())).status(), candidate.toString()).toBe(403);
  }
  await anonymous.close();
});

test("pasting an image adds it without swallowing text pasted into the prompt", async ({ page, context }) => {
  await signUp(page);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const promptBox = page.getByLabel("Prompt");
  await promptBox.click();
  await page.evaluate(() => navigator.clipboard.writeText("a pasted prompt"));
  await page.keyboard.press("ControlOrMeta+V");
  await expect(promptBox).toHaveValue("a pasted prompt");
  await expect(tray(page)).toHaveCount(0);

  const paste = async (text?: string) => {
    const clipboardData = await dataTransferWith(page, [await solidImage("", "#1030d0")], text);
    return page.evaluate((data) => {
      const event = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
      document.getElementById("prompt")?.dispatchEvent(event);
      return event.defaultPrevented;
    }, clipboardData);
  };
  // An image alone is taken over (nothing to paste into the text)...
  expect(await paste()).toBe(true);
  await expect(tray(page)).toHaveCount(1);
  await uploadsSettled(page);
  // ...an image that comes with text leaves the text paste alone and still adds the image.
  expect(await paste("caption text")).toBe(false);
  await expect(tray(page)).toHaveCount(2);
  await uploadsSettled(page);
  await expect(promptBox).toHaveValue("a pasted prompt");
  await expect(page.getByRole("img", { name: "image 1: The pasted image" })).toBeVisible();
});

test("Edit this on a result builds a chain of edits, from the studio and from the gallery", async ({
  page,
}) => {
  await signUp(page);
  const first = "A lighthouse at dusk [sim:durationMs=200]";
  await generate(page, first);
  await resultImage(page, first);
  const firstCard = page.getByRole("article", { name: `Generation: ${first}` });
  await firstCard.getByRole("button", { name: "Edit this" }).click();
  await expect(page.getByRole("img", { name: `image 1: ${first}` })).toBeVisible();
  await expect(page.getByLabel("Prompt")).toBeFocused();

  const second = "Add a storm [sim:durationMs=200]";
  const secondCard = await submitEdit(page, second);
  await resultImage(page, second);
  await secondCard.getByRole("link", { name: "Edited from an earlier result" }).click();
  await expect(page).toHaveURL(/\/g\/[\w-]+$/);
  await expect(page.getByRole("heading", { level: 1, name: first })).toBeVisible();
  const edits = page.getByRole("region", { name: "Edits made from this image" });
  await edits.getByRole("link", { name: second }).click();
  await expect(page.getByRole("heading", { level: 1, name: second })).toBeVisible();
  await expect(page.getByRole("slider", { name: /Before and after/ })).toBeVisible();

  // From the gallery, Edit this opens the studio with that image as the only reference.
  await page.evaluate(() => sessionStorage.clear());
  await page.goto("/gallery");
  const secondItem = page.getByRole("listitem", { name: second, exact: true });
  await secondItem.getByRole("button", { name: "Actions" }).click();
  await page
    .getByRole("menu", { name: `Actions: ${second}` })
    .getByRole("menuitem", { name: "Edit this" })
    .click();
  await expect(page).toHaveURL(/\/$/);
  await expect(tray(page)).toHaveCount(1);
  await expect(composer(page)).toHaveAttribute("data-mode", "edit");
  // The tray survives a reload of the tab.
  await page.reload();
  await expect(tray(page)).toHaveCount(1);
});

test("references can be picked, reordered and removed; the edit sends them in tray order", async ({
  page,
}) => {
  await signUp(page);
  const [red, green, blue] = await Promise.all([
    solidImage("red.png", "#d01010"),
    solidImage("green.jpg", "#10a010", { format: "jpeg" }),
    solidImage("blue.png", "#1030d0"),
  ]);
  await pickFiles(page, [red, green, blue]);
  await uploadsSettled(page);
  expect(await trayNames(page)).toEqual(["red.png", "green.jpg", "blue.png"]);

  await page.getByRole("button", { name: "Move image 3 earlier" }).click();
  expect(await trayNames(page)).toEqual(["red.png", "blue.png", "green.jpg"]);
  await page.getByRole("button", { name: "Move image 1 later" }).click();
  expect(await trayNames(page)).toEqual(["blue.png", "red.png", "green.jpg"]);
  // Dragging a thumbnail onto another moves it there.
  await tray(page).nth(2).dragTo(tray(page).nth(0));
  expect(await trayNames(page)).toEqual(["green.jpg", "blue.png", "red.png"]);
  await page.getByRole("button", { name: "Remove image 1" }).click();
  expect(await trayNames(page)).toEqual(["blue.png", "red.png"]);
  await expect(page.getByRole("img", { name: "image 2: red.png" })).toBeVisible();

  const prompt = "Blend image 1 with image 2 [sim:durationMs=200]";
  await submitEdit(page, prompt);
  const result = await resultImage(page, prompt);
  expect(isBlue(await meanColour(page, (await result.getAttribute("src")) ?? ""))).toBe(true);
  const urls = await sentImageUrls(page, prompt);
  expect(urls).toHaveLength(2);

  await page.getByRole("button", { name: "Remove image 2" }).click();
  await page.getByRole("button", { name: "Remove image 1" }).click();
  await expect(composer(page)).toHaveAttribute("data-mode", "generate");
  await expect(composer(page).getByRole("button", { name: "Generate", exact: true })).toBeVisible();
});

test("bad files are refused one by one with their own message; the good ones stay, nothing else is stored", async ({
  page,
}) => {
  await signUp(page);
  const good = await solidImage("good.png", "#d01010");
  const realPng = (await solidImage("x.png", "#123456", { width: 400, height: 300 })).buffer;
  const bad = [
    {
      file: { name: "notes.png", mimeType: "image/png", buffer: Buffer.from("just some text") },
      message: "notes.png could not be read as an image.",
    },
    {
      file: {
        name: "logo.svg",
        mimeType: "image/svg+xml",
        buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      },
      message: "logo.svg is not a JPEG, PNG or WebP image.",
    },
    {
      file: { name: "empty.png", mimeType: "image/png", buffer: Buffer.alloc(0) },
      message: "empty.png is empty.",
    },
    {
      file: { name: "huge.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(10 * 1024 * 1024 + 1) },
      message: "huge.jpg is larger than 10 MB.",
    },
    {
      file: await solidImage("tiny.png", "#000000", { width: 14, height: 40 }),
      message: "tiny.png is too small",
    },
    {
      file: await solidImage("thin.png", "#000000", { width: 680, height: 40 }),
      message: "thin.png is too long and thin",
    },
    {
      file: { name: "bomb.png", mimeType: "image/png", buffer: pngBomb() },
      message: "bomb.png has more than 36 megapixels.",
    },
    {
      file: await solidImage("giant.png", "#000000", { width: 6001, height: 6000 }),
      message: "giant.png has more than 36 megapixels.",
    },
    {
      file: { name: "cut.png", mimeType: "image/png", buffer: realPng.subarray(0, realPng.length - 40) },
      message: /cut\.png (is damaged or incomplete|could not be read as an image)/,
    },
  ];
  const before = storedUploadFiles().length;
  await pickFiles(page, [good, ...bad.map((b) => b.file)]);
  const refusals = page.getByRole("list", { name: "Files not added" });
  for (const { message } of bad) await expect(refusals).toContainText(message);
  await expect(refusals.getByRole("listitem")).toHaveCount(bad.length);
  await uploadsSettled(page);
  expect(await trayNames(page)).toEqual(["good.png"]);
  // The good file and its thumbnail; nothing for any refused one.
  expect(storedUploadFiles().length).toBe(before + 2);

  // Room for 14: an eleventh brings a notice, a fifteenth is refused by name.
  const more = await Promise.all(
    Array.from({ length: 14 }, (_, i) =>
      solidImage(`more-${i + 1}.png`, `#${(i * 16 + 32).toString(16)}4060`),
    ),
  );
  await pickFiles(page, more);
  await expect(refusals).toContainText(
    "more-14.png was not added: an edit can use at most 14 reference images.",
  );
  await uploadsSettled(page);
  await expect(tray(page)).toHaveCount(14);
  await expect(composer(page)).toContainText("More than 10 references");
});

test("a second user can neither fetch nor use the first user's upload", async ({ page, browser }) => {
  await signUp(page);
  await pickFiles(page, [await solidImage("private.png", "#d01010")]);
  await uploadsSettled(page);
  const src = (await page.getByRole("img", { name: "image 1: private.png" }).getAttribute("src")) ?? "";
  const foreignId = src.match(/\/media\/([\w-]+)\//)?.[1] ?? "";
  expect(foreignId).not.toBe("");

  const other = await browser.newContext();
  const intruder = await other.newPage();
  await signUp(intruder);
  for (const variant of ["original", "thumbnail"]) {
    expect((await intruder.request.get(`/media/${foreignId}/${variant}`)).status()).toBe(404);
  }
  await intruder.goto(`/?reference=${foreignId}`);
  await expect(intruder.getByText("That image is not available to edit.")).toBeVisible();
  await expect(tray(intruder)).toHaveCount(0);

  // Swapping the id into the server action's payload is refused, and nothing is created.
  await pickFiles(intruder, [await solidImage("mine.png", "#1030d0")]);
  await uploadsSettled(intruder);
  const ownSrc = (await intruder.getByRole("img", { name: "image 1: mine.png" }).getAttribute("src")) ?? "";
  const ownId = ownSrc.match(/\/media\/([\w-]+)\//)?.[1] ?? "";
  await intruder.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"]) {
      await route.continue({ postData: (request.postData() ?? "").replaceAll(ownId, foreignId) });
    } else {
      await route.continue();
    }
  });
  await intruder.getByLabel("Prompt").fill("Use someone else's picture");
  await composer(intruder).getByRole("button", { name: "Edit", exact: true }).click();
  await expect(intruder.getByRole("main").getByRole("alert")).toContainText(
    "One of the reference images is not available",
  );
  await expect(intruder.getByRole("article")).toHaveCount(0);
  await other.close();
});

test("with a real key and a loopback APP_URL the composer warns that edits cannot reach the images", async ({
  page,
}) => {
  const port = e2ePort(3);
  const server = await startAppServer({
    port,
    dataDir: path.resolve(`tests/.tmp/unreachable-${Date.now()}`),
    // Never called: the test only renders the composer.
    env: { SEEDREAM_API_KEY: "aio_test_key_never_used", SEEDREAM_API_URL: "http://127.0.0.1:9/api/v1" },
  });
  try {
    await page.goto(`${server.url}/sign-up`);
    await page.getByLabel("Email").fill(`warn-${Date.now()}@example.com`);
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Simulated upstream")).toHaveCount(0);
    await pickFiles(page, [await solidImage("a.png", "#d01010")]);
    const warning = page.getByRole("note");
    await expect(warning).toContainText(`Seedream cannot fetch these images: APP_URL is ${server.url}`);
    await expect(warning).toContainText("Set APP_URL to this app's public https address");
  } finally {
    await server.stop();
  }
});

test("a slow upload shows its progress in the tray", async ({ page }) => {
  await signUp(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: 256 * 1024,
  });
  // Noise does not compress: about 1.5 MB of PNG, several seconds at 256 KB/s.
  const noise = await sharp(
    Buffer.from(Array.from({ length: 700 * 700 * 3 }, () => Math.floor(Math.random() * 256))),
    {
      raw: { width: 700, height: 700, channels: 3 },
    },
  )
    .png()
    .toBuffer();
  await pickFiles(page, [{ name: "noise.png", mimeType: "image/png", buffer: noise }]);
  await expect(composer(page).getByText(/Uploading… \d+%/)).toBeVisible();
  await expect(composer(page).getByRole("button", { name: "Uploading…" })).toBeDisabled();
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await uploadsSettled(page);
  await expect(page.getByRole("img", { name: "image 1: noise.png" })).toBeVisible();
});

test("images dropped on another page open the studio with them as references", async ({ page }) => {
  await signUp(page);
  await page.goto("/gallery");
  await dropFiles(page, [await solidImage("from-gallery.png", "#d01010")]);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("img", { name: "image 1: from-gallery.png" })).toBeVisible();
  await uploadsSettled(page);
  await expect(composer(page)).toHaveAttribute("data-mode", "edit");
});
