import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { pngBomb } from "../support/images";
import { signUp } from "./support/flows";

const upload = (
  request: import("@playwright/test").APIRequestContext,
  name: string,
  mimeType: string,
  buffer: Buffer,
) => request.post("/api/uploads", { multipart: { file: { name, mimeType, buffer } } });

test("an uploaded reference is checked, stored without metadata, and reachable by its owner only", async ({
  page,
  browser,
}) => {
  await signUp(page);
  const photo = await sharp({ create: { width: 120, height: 80, channels: 3, background: "#aa3311" } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 0/1" } })
    .toBuffer();
  const accepted = await upload(page.request, "photo.jpg", "image/jpeg", photo);
  expect(accepted.status()).toBe(201);
  const body = await accepted.json();
  expect(body).toMatchObject({ width: 80, height: 120 });
  expect(JSON.stringify(body)).not.toContain("users/");

  const original = await page.request.get(body.src);
  expect(original.status()).toBe(200);
  const meta = await sharp(await original.body()).metadata();
  expect(meta.exif).toBeUndefined();
  expect([meta.width, meta.height]).toEqual([80, 120]);

  for (const [name, type, bytes, message] of [
    ["notes.png", "image/png", Buffer.from("a text file in disguise"), "is not a JPEG, PNG or WebP image"],
    [
      "logo.svg",
      "image/svg+xml",
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      "is not a JPEG, PNG or WebP image",
    ],
    ["empty.png", "image/png", Buffer.alloc(0), "is not a JPEG, PNG or WebP image"],
    ["bomb.png", "image/png", pngBomb(), "has more than 36 megapixels"],
  ] as const) {
    const refused = await upload(page.request, name, type, bytes);
    expect(refused.status(), name).toBe(400);
    expect((await refused.json()).error.message).toContain(message);
  }

  const huge = await upload(
    page.request,
    "huge.jpg",
    "image/jpeg",
    Buffer.concat([photo, Buffer.alloc(11 * 1024 * 1024)]),
  );
  expect(huge.status()).toBe(413);
  expect((await huge.json()).error.message).toContain("larger than 10 MB");

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signUp(otherPage);
  expect((await otherPage.request.get(body.src)).status()).toBe(404);
  expect((await otherPage.request.get(body.thumbnailSrc)).status()).toBe(404);
  await other.close();

  const anonymous = await browser.newContext();
  expect((await upload(anonymous.request, "photo.jpg", "image/jpeg", photo)).status()).toBe(401);
  await anonymous.close();
});
