import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { startS3Server, type TestS3Server } from "../support/s3-server";
import { type AppServer, e2ePort, startAppServer } from "./support/app-server";
import { type SimulatorProcess, startSimulatorProcess } from "./support/simulator-process";
import {
  attachServerOutputOnFailure,
  signUpAt,
  startTeamServer,
  type TeamServer,
} from "./support/team-server";

// Two app instances as a fleet runs them (docs/deploy.md), behind no load balancer at all: one
// PostgreSQL, one S3 bucket (s3rver), one AUTH_SECRET, and each instance a DATA_DIR of its own. The
// browser talks to A; the upstream (a simulator process of its own, shared like the real one) may be
// asked by either, and the results go to the bucket, never to either instance's disk. Progress
// reaches the tab by push (GET /api/events), whichever instance moved the task.

const runDir = path.resolve(`tests/.tmp/push-${e2ePort(75)}-${Date.now()}`);
const secondDataDir = path.join(runDir, "instance-b");
let team: TeamServer | undefined;
let second: AppServer | undefined;
let simulator: SimulatorProcess | undefined;
let s3: TestS3Server | undefined;
attachServerOutputOnFailure(() => team);
// biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a hook needs from this pattern
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus && second) {
    await testInfo.attach("instance B output", { body: second.output() });
  }
});

const STATUS_GET = /\/api\/generations\/[0-9a-f-]{36}$/;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  simulator = await startSimulatorProcess(e2ePort(77));
  s3 = await startS3Server({ directory: path.join(runDir, "bucket") });
  const shared = {
    ...simulator.appEnv,
    ...s3.settings,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
  };
  team = await startTeamServer(e2ePort(75), shared);
  second = await startAppServer({
    port: e2ePort(76),
    dataDir: secondDataDir,
    databaseUrl: team.databaseUrl,
    env: shared,
  });
});
test.afterAll(async () => {
  await second?.stop();
  await team?.stop();
  await simulator?.stop();
  await s3?.stop();
});

function countStatusRequests(page: Page): { count: number } {
  const seen = { count: 0 };
  page.on("request", (request) => {
    if (request.method() === "GET" && STATUS_GET.test(new URL(request.url()).pathname)) seen.count++;
  });
  return seen;
}

async function expectImage(page: Page, prompt: string) {
  const image = page.getByRole("img", { name: prompt, exact: true }).first();
  await expect(image).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  return image;
}

function sql() {
  if (!team) throw new Error("the team server did not start");
  return team.sql;
}

/**
 * The files of every result `email` has are in the bucket, and neither instance has a media folder:
 * whichever instance downloaded a result, the other serves it from the bucket alone.
 */
async function expectResultsInBucketOnly(email: string, count: number) {
  const rows = await sql()`
    select m.storage_key, m.thumbnail_key from media m join users u on u.id = m.user_id
    where u.email = ${email} and m.kind = 'result'`;
  expect(rows).toHaveLength(count);
  if (!s3) throw new Error("the bucket did not start");
  const keys = await s3.keys("users/");
  for (const row of rows) expect(keys).toEqual(expect.arrayContaining([row.storage_key, row.thumbnail_key]));
  for (const dataDir of [team?.dataDir ?? "", secondDataDir]) {
    expect(fs.existsSync(dataDir), dataDir).toBe(true);
    expect(fs.existsSync(path.join(dataDir, "media")), `${dataDir}/media`).toBe(false);
  }
}

const tasksFor = async (prefix: string) =>
  ((await simulator?.tasks()) ?? []).filter((task) => task.prompt.startsWith(prefix));

test("a tab on instance A gets its image by push; the image and its share link open through B", async ({
  page,
  browser,
}) => {
  const a = team?.app.url ?? "";
  const b = second?.url ?? "";
  const streamed = page.waitForResponse((response) => response.url().endsWith("/api/events"));
  await signUpAt(page, a, "pushed@push.example");
  expect((await streamed).status()).toBe(200);
  // The snapshot arrives just after the stream opens; give it a moment before submitting.
  await page.waitForTimeout(500);

  const statusRequests = countStatusRequests(page);
  const prompt = "Pushed fox [sim:durationMs=3000]";
  await page.getByLabel("Prompt").fill(prompt);
  await page.getByRole("button", { name: "Generate" }).click();
  await expect(page.getByRole("article", { name: `Generation: ${prompt}` })).toBeVisible();
  const image = await expectImage(page, prompt);
  expect(statusRequests.count, "status requests while the task ran").toBeLessThanOrEqual(2);

  // One create upstream, one download, whichever instance checked and stored it.
  const [task, ...others] = await tasksFor("Pushed fox");
  expect(others).toHaveLength(0);
  expect(task).toMatchObject({ phase: "succeeded", fileCalls: 1 });
  await expectResultsInBucketOnly("pushed@push.example", 1);

  // The stored image and a share link, opened through the other instance.
  const src = (await image.getAttribute("src")) ?? "";
  const original = src.replace(/\/thumbnail$/, "/original");
  expect((await page.request.get(`${b}${new URL(original, a).pathname}`)).status()).toBe(200);
  await page
    .getByRole("article", { name: `Generation: ${prompt}` })
    .getByRole("link", { name: "Open" })
    .click();
  await page.getByRole("button", { name: "Create share link" }).click();
  const shareUrl = await page.getByRole("textbox", { name: "Share link", exact: true }).first().inputValue();
  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(`${b}${new URL(shareUrl).pathname}`);
  await expectImage(visitorPage, "An image made with Seedream Studio");
  await visitor.close();
  await expectResultsInBucketOnly("pushed@push.example", 1);
});

test("with the event stream blocked, polling takes over and the image still arrives", async ({ page }) => {
  const a = team?.app.url ?? "";
  const attempts = { count: 0 };
  await page.route("**/api/events", (route) => {
    attempts.count++;
    return route.abort();
  });
  await signUpAt(page, a, "blocked@push.example");
  const statusRequests = countStatusRequests(page);
  const prompt = "Polled fox [sim:durationMs=3000]";
  await page.getByLabel("Prompt").fill(prompt);
  await page.getByRole("button", { name: "Generate" }).click();
  await expectImage(page, prompt);
  expect(attempts.count).toBeGreaterThan(0);
  // Today's pace (about once a second) over a 3 s task.
  expect(statusRequests.count).toBeGreaterThan(2);
});

test("kill -9 of instance A with 10 tasks in flight: all settle through B, none created or downloaded twice", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const a = team?.app.url ?? "";
  const b = second?.url ?? "";
  await signUpAt(page, a, "killed@push.example");
  const posted = page.waitForRequest((r) => r.method() === "POST" && "next-action" in r.headers());
  const first = "Fleet fox 00 [sim:durationMs=6000]";
  await page.getByLabel("Prompt").fill(first);
  await page.getByRole("button", { name: "Generate" }).click();
  const template = await posted;
  await expect(page.getByRole("article", { name: `Generation: ${first}` })).toBeVisible();
  const [input] = JSON.parse(template.postData() ?? "[]") as [Record<string, unknown>];
  const headers = Object.fromEntries(
    ["next-action", "next-router-state-tree", "content-type", "accept"].flatMap((name) => {
      const value = template.headers()[name];
      return value ? [[name, value]] : [];
    }),
  );
  const answers = await Promise.all(
    Array.from({ length: 9 }, async (_, i) => {
      const response = await page.request.post(`${a}/`, {
        headers: { ...headers, origin: a, referer: `${a}/` },
        data: JSON.stringify([
          { ...input, prompt: `Fleet fox 0${i + 1} [sim:durationMs=6000]`, idempotencyKey: randomUUID() },
        ]),
      });
      return (await response.text()).includes('"ok":true');
    }),
  );
  expect(answers).toEqual(answers.map(() => true));

  // Every create answered and running upstream: then A dies mid-task.
  await expect
    .poll(
      async () =>
        (
          await sql()`
          select count(*)::int as n from generations g join users u on u.id = g.user_id
          where u.email = 'killed@push.example' and g.status = 'running'`
        )[0]?.n,
      { timeout: 30_000, intervals: [100] },
    )
    .toBe(10);
  if (team?.app.pid) process.kill(team.app.pid, "SIGKILL");
  await team?.app.exited;

  await page.goto(`${b}/gallery`);
  await expect
    .poll(
      async () =>
        (
          await sql()`
          select status, count(*)::int as n from generations g join users u on u.id = g.user_id
          where u.email = 'killed@push.example' group by status`
        ).map((row) => `${row.status}:${row.n}`),
      { timeout: 120_000, intervals: [1000] },
    )
    .toEqual(["succeeded:10"]);
  const tasks = await tasksFor("Fleet fox");
  expect(tasks).toHaveLength(10);
  expect(new Set(tasks.map((task) => task.prompt)).size).toBe(10);
  expect(tasks.map((task) => task.fileCalls)).toEqual(tasks.map(() => 1));
  await expectResultsInBucketOnly("killed@push.example", 10);
  // The tab on B shows them all, pushed or fetched there.
  await expect(page.getByRole("list", { name: "Images" }).getByRole("img")).toHaveCount(10, {
    timeout: 30_000,
  });
});

test("SIGTERM with a tab's event stream open: the stream is closed and the server stops at once", async ({
  page,
}) => {
  const b = second?.url ?? "";
  const streamed = page.waitForResponse((response) => response.url().endsWith("/api/events"));
  await signUpAt(page, b, "stopping@push.example");
  expect((await streamed).status()).toBe(200);
  await page.waitForTimeout(500);
  const stopping = Date.now();
  await second?.stop();
  // Next waits for open responses before it exits: a stream left open would hold it for ever.
  expect(Date.now() - stopping).toBeLessThan(10_000);
  second = undefined;
});
