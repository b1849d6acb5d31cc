import fs from "node:fs";
import path from "node:path";
import { DeleteObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { expect, type Page, test } from "@playwright/test";
import { startPostgres } from "../support/postgres-server";
import { startS3Server, type TestS3Server } from "../support/s3-server";
import { type AppServer, e2ePort, startAppServer } from "./support/app-server";
import { generate, resultImage } from "./support/flows";
import { shareFromImagePage } from "./support/shares";
import { startSimulatorProcess } from "./support/simulator-process";
import { signUpAt } from "./support/team-server";

// The app with its media in an S3 bucket (s3rver, a real S3-compatible server started here), JSON
// logs with request ids, readiness, and a clean stop on SIGTERM.

test.describe.configure({ mode: "serial" });

const runDir = path.resolve(`tests/.tmp/s3-${e2ePort(65)}-${Date.now()}`);
let s3: TestS3Server;
let app: AppServer | undefined;
const stopLater: (() => Promise<void> | void)[] = [];

test.beforeAll(async () => {
  s3 = await startS3Server({ directory: path.join(runDir, "bucket") });
});
test.afterAll(async () => {
  // Each one stopped whatever another's stop throws, so no server outlives the run.
  for (const stop of [...stopLater.reverse(), () => app?.stop(), () => s3.stop()]) {
    await Promise.resolve()
      .then(stop)
      .catch(() => {});
  }
});
// biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a hook needs from this pattern
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus && app) {
    await testInfo.attach("server output", { body: app.output() });
  }
});

const bucket = () => s3.target();

async function bucketKeys(): Promise<string[]> {
  const { client, bucket: name } = bucket();
  const listed = await client.send(new ListObjectsV2Command({ Bucket: name }));
  return (listed.Contents ?? []).map((object) => object.Key ?? "");
}

/** The media id behind a result card's image (its src is /media/<id>/thumbnail). */
async function mediaIdOf(page: Page, prompt: string): Promise<string> {
  const src = (await (await resultImage(page, prompt)).getAttribute("src")) ?? "";
  const id = /\/media\/([0-9a-f-]{36})\//.exec(src)?.[1];
  expect(id, src).toBeTruthy();
  return id ?? "";
}

test("generate, view, share and delete with the media in S3", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const dataDir = path.join(runDir, "app");
  app = await startAppServer({ port: e2ePort(65), dataDir, env: { ...s3.settings, LOG_FORMAT: "json" } });
  const email = "s3-owner@bucket.example";
  await signUpAt(page, app.url, email);

  // Generate and share: the original, its thumbnail and (once the share page is read) its preview.
  const prompt = "A red kite over chalk hills";
  const { shareUrl } = await shareFromImagePage(page, prompt, { showPrompt: false });
  await page.goto(app.url);
  const mediaId = await mediaIdOf(page, prompt);
  const keys = await bucketKeys();
  expect(keys.filter((key) => key.includes("/results/")).length).toBeGreaterThanOrEqual(2);
  expect(fs.existsSync(path.join(dataDir, "media"))).toBe(false);

  // Viewed through the app, with ranges, streamed from the bucket.
  const original = await page.request.get(`${app.url}/media/${mediaId}/original`);
  expect(original.status()).toBe(200);
  const size = (await original.body()).length;
  const head = await page.request.get(`${app.url}/media/${mediaId}/original`, {
    headers: { range: "bytes=0-99" },
  });
  expect(head.status()).toBe(206);
  expect(head.headers()["content-range"]).toBe(`bytes 0-99/${size}`);
  expect((await head.body()).length).toBe(100);

  // The share link works for a stranger.
  const stranger = await browser.newContext();
  const shared = await stranger.newPage();
  await shared.goto(shareUrl);
  await expect(shared.getByRole("img")).toBeVisible();
  expect((await shared.request.get(`${shareUrl}/image`)).status()).toBe(200);

  // An object missing from the bucket is a 404, for the owner and on the share alike.
  const originalKey = keys.find((key) => key.includes("/results/") && !key.endsWith(".webp")) ?? "";
  const { client, bucket: name } = bucket();
  await client.send(new DeleteObjectCommand({ Bucket: name, Key: originalKey }));
  expect((await page.request.get(`${app.url}/media/${mediaId}/original`)).status()).toBe(404);
  expect((await shared.request.get(`${shareUrl}/image`)).status()).toBe(404);
  await stranger.close();

  // Deleting the image in the app removes its files from the bucket.
  await page.goto(`${app.url}/gallery`);
  const tile = page.getByRole("listitem", { name: prompt, exact: true });
  await tile.getByRole("button", { name: "Actions" }).click();
  await page
    .getByRole("menu", { name: `Actions: ${prompt}` })
    .getByRole("menuitem", { name: "Delete…" })
    .click();
  await page
    .getByRole("dialog", { name: "Delete this image?" })
    .getByRole("button", { name: "Delete" })
    .click();
  await expect(tile).toHaveCount(0);
  await expect.poll(async () => (await bucketKeys()).filter((key) => key.includes("/results/"))).toEqual([]);

  // Every request left one JSON line with an id; no email, share token or signature among them.
  const response = await page.request.get(`${app.url}/api/health`, {
    headers: { "x-request-id": "lb-check-0001" },
  });
  expect(response.headers()["x-request-id"]).toBe("lb-check-0001");
  await expect.poll(() => app?.output() ?? "").toContain('"request_id":"lb-check-0001"');
  const output = app.output();
  const lines = output.split("\n").filter((line) => line.startsWith("{"));
  const requests = lines.map((line) => JSON.parse(line)).filter((entry) => entry.event === "request");
  expect(requests.length).toBeGreaterThan(10);
  for (const entry of requests) expect(entry.request_id).toMatch(/^[\w.-]{8,64}$/);
  const token = new URL(shareUrl).pathname.split("/").pop() ?? "";
  for (const secret of [email, token, "sig=", "S3RVER", "password"]) {
    expect(output, `server output holds ${secret}`).not.toContain(secret);
  }
});

test("/api/ready is 200 with the bucket up and 503 naming storage when it is down", async ({ request }) => {
  const server = app;
  test.skip(!server, "needs the server of the first test");
  if (!server) return;
  const ready = await request.get(`${server.url}/api/ready`);
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ ready: true, checks: { database: "ok", storage: "ok" } });
  await s3.stop();
  try {
    const down = await request.get(`${server.url}/api/ready`);
    expect(down.status()).toBe(503);
    const body = await down.json();
    expect(body).toMatchObject({
      ready: false,
      failing: ["storage"],
      checks: { database: "ok", storage: "failed" },
    });
    expect(JSON.stringify(body)).not.toContain("127.0.0.1");
    // Liveness stays cheap and up: the process is fine, its bucket is not.
    expect((await request.get(`${server.url}/api/health`)).status()).toBe(200);
  } finally {
    await s3.start();
  }
  expect((await request.get(`${server.url}/api/ready`)).status()).toBe(200);
});

test("/api/ready is 503 naming the database when PostgreSQL is down", async ({ request }) => {
  test.setTimeout(120_000);
  const database = await startPostgres();
  test.skip(!database, "PostgreSQL is not installed");
  if (!database) return;
  let databaseUp = true;
  stopLater.push(() => {
    if (databaseUp) database.stop();
  });
  const server = await startAppServer({
    port: e2ePort(69),
    dataDir: path.join(runDir, "pg-app"),
    databaseUrl: database.url,
    env: s3.settings,
  });
  stopLater.push(() => server.stop());
  expect((await request.get(`${server.url}/api/ready`)).status()).toBe(200);
  database.stop();
  databaseUp = false;
  const down = await request.get(`${server.url}/api/ready`);
  expect(down.status()).toBe(503);
  expect(await down.json()).toMatchObject({
    failing: ["database"],
    checks: { storage: "ok", database: "failed" },
  });
});

test("the app will not start when its bucket cannot be reached", async () => {
  const server = await startAppServer({
    port: e2ePort(68),
    dataDir: path.join(runDir, "no-bucket"),
    waitUntilReady: false,
    env: { ...s3.settings, S3_ENDPOINT: `http://127.0.0.1:${e2ePort(74)}` },
  });
  expect(await server.exited).toBe(1);
  expect(server.output()).toContain(
    `The media store (S3 bucket "${s3.bucket}" at 127.0.0.1:${e2ePort(74)}) is not reachable or not writable`,
  );
  expect(server.output()).not.toContain("S3RVER");
});

test("SIGTERM with a task in flight: exit 0 within 10 s, and the task settles after the restart", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await app?.stop();
  app = undefined;
  const simulator = await startSimulatorProcess(e2ePort(67));
  stopLater.push(() => simulator.stop());
  const dataDir = path.join(runDir, "sigterm");
  const env = { ...simulator.appEnv, ...s3.settings, LOG_FORMAT: "json" };
  app = await startAppServer({ port: e2ePort(66), dataDir, env });
  await signUpAt(page, app.url, "stopper@bucket.example");
  const prompt = "A harbour crane at night [sim:durationMs=6000]";
  await generate(page, prompt);
  await expect.poll(async () => (await simulator.tasks()).map((task) => task.phase)).toEqual(["running"]);

  const stopping = app;
  const sentAt = Date.now();
  if (stopping.pid) process.kill(stopping.pid, "SIGTERM");
  const code = await stopping.exited;
  expect(Date.now() - sentAt).toBeLessThan(10_000);
  expect(code, stopping.output()).toBe(0);
  expect(stopping.output()).toContain('"event":"stopped cleanly"');

  app = await startAppServer({ port: e2ePort(66), dataDir, env });
  await page.goto(app.url);
  await mediaIdOf(page, prompt);
  const tasks = await simulator.tasks();
  expect(tasks).toHaveLength(1);
  expect(tasks[0]?.phase).toBe("succeeded");
  expect((await bucketKeys()).some((key) => key.includes("/results/"))).toBe(true);
});
