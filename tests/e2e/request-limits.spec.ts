import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { type AppServer, e2ePort, startAppServer } from "./support/app-server";
import { signUp } from "./support/flows";
import { postChunked, residentBytes, watchResidentPeak } from "./support/raw-post";

// A server of its own: its process id gives its memory, and its data folder shows what was stored.
const dataDir = path.resolve(`tests/.tmp/limits-${Date.now()}`);
let server: AppServer;

test.beforeAll(async () => {
  server = await startAppServer({ port: e2ePort(20), dataDir });
});
test.afterAll(async () => {
  await server?.stop();
});

const MB = 1024 * 1024;
const UPLOAD_CAP = 10 * MB + 64 * 1024;
const SMALL_CAP = 64 * 1024;
const UNKNOWN_TOKEN = "abcdefghijklmnopqrstuvwxyz012345";

function storedFiles(): number {
  const root = path.join(dataDir, "media");
  if (!fs.existsSync(root)) return 0;
  return fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => fs.statSync(path.join(root, file)).isFile()).length;
}

const tinyPng = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: "#2266aa" } })
    .png()
    .toBuffer();

async function sessionCookie(page: import("@playwright/test").Page): Promise<string> {
  return (await page.context().cookies()).map(({ name, value }) => `${name}=${value}`).join("; ");
}

test("chunked bodies 50 times their cap are cut off with 413 while the server's memory stays flat", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const serverPid = server.pid;
  if (!serverPid) throw new Error("the test server has no process id");
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await signUp(page);
  const cookie = await sessionCookie(page);

  // Every route's code is loaded (and sharp warmed) before the baseline, so growth is what bodies cost.
  expect(
    (
      await page.request.post("/api/uploads", {
        multipart: { file: { name: "a.png", mimeType: "image/png", buffer: await tinyPng() } },
      })
    ).status(),
  ).toBe(201);
  expect((await page.request.post("/api/generations/zip", { form: { ids: "x" } })).status()).toBe(400);
  expect((await page.request.post(`/api/webhooks/seedream/${UNKNOWN_TOKEN}`, { data: {} })).status()).toBe(
    404,
  );
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const before = residentBytes(serverPid);
  const peak = watchResidentPeak(serverPid);

  const webhook = await postChunked(`${server.url}/api/webhooks/seedream/${UNKNOWN_TOKEN}`, {
    totalBytes: 50 * SMALL_CAP,
    headers: { "content-type": "application/json" },
  });
  expect(webhook.status).toBe(404);

  const upload = await postChunked(`${server.url}/api/uploads`, {
    totalBytes: 50 * UPLOAD_CAP,
    headers: { cookie, "content-type": "multipart/form-data; boundary=x" },
  });
  expect(upload.status).toBe(413);
  expect(JSON.parse(upload.body).error).toEqual({
    code: "payload_too_large",
    message: "That file is larger than 10 MB.",
  });
  // Answered long before the client was done: the server stopped reading at the cap.
  expect(upload.sentBytes).toBeLessThan(10 * UPLOAD_CAP);

  const zip = await postChunked(`${server.url}/api/generations/zip`, {
    totalBytes: 50 * SMALL_CAP,
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
  });
  expect(zip.status).toBe(413);
  expect(JSON.parse(zip.body).error.code).toBe("payload_too_large");

  const growth = peak.stop() - before;
  console.log(
    `[limits] upload answered after ${(upload.sentBytes / MB).toFixed(1)} MB; RSS +${(growth / MB).toFixed(1)} MB`,
  );
  expect(growth, `resident memory grew by ${(growth / MB).toFixed(1)} MB`).toBeLessThan(50 * MB);

  // The server is still well: the session works for an ordinary request.
  expect((await page.request.get("/api/gallery")).status()).toBe(200);
  await context.close();
});

test("an upload posted from another site's page is refused with 403 and stores nothing", async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await signUp(page);
  const multipart = { file: { name: "photo.png", mimeType: "image/png", buffer: await tinyPng() } };
  const filesBefore = storedFiles();

  const refused = await page.request.post("/api/uploads", {
    multipart,
    headers: { origin: "http://localhost:9999" },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("forbidden");
  expect(storedFiles()).toBe(filesBefore);

  // The same upload from the app's own page (or a client that sends no Origin) is stored.
  const fromApp = await page.request.post("/api/uploads", { multipart, headers: { origin: server.url } });
  expect(fromApp.status()).toBe(201);
  expect(storedFiles()).toBe(filesBefore + 2);
  await context.close();
});
