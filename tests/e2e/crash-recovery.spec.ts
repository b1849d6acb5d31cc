import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { type PostgresServer, startPostgres } from "../support/postgres-server";
import { type AppServer, e2ePort, startAppServer } from "./support/app-server";
import { PASSWORD } from "./support/flows";
import {
  type SimulatorProcess,
  type SimulatorTask,
  startSimulatorProcess,
} from "./support/simulator-process";

// kill -9 while the app has work in the air, on both databases. The simulator runs as a process of
// its own (it is the upstream: it must outlive the app), answers creates slowly where the scenario
// needs answers outstanding, and calls back when tasks end. After restart every generation must end
// as the upstream has it, with no create sent twice and no image stored twice.

const COUNT = 20;
const TASK_MS = 6000;
const ANSWER_DELAY_MS = 2500;
// A callback that finds the app down is tried again (2 s apart) until it is back: without that, a
// send cut off mid-air whose task ends while the app restarts could never be settled by anyone.
const DIRECTIVE = `durationMs=${TASK_MS},callbackRetries=15`;

interface CreateInput {
  prompt: string;
  aspectRatio: "1:1";
  quality: "basic";
  idempotencyKey: string;
  referenceIds: string[];
}

interface GenerationView {
  id: string;
  prompt: string;
  status: string;
  error: { code: string } | null;
  image: { id: string } | null;
}

/** The composer's server action as the browser posts it, captured from one real press of Generate. */
interface CapturedAction {
  url: string;
  headers: Record<string, string>;
}

async function signUp(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/sign-up`);
  await page.getByLabel("Email").fill(`crash-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Recent results" })).toBeVisible();
}

async function generateCapturing(
  page: Page,
  prompt: string,
): Promise<{ action: CapturedAction; input: CreateInput }> {
  const posted = page.waitForRequest(
    (request) => request.method() === "POST" && "next-action" in request.headers(),
  );
  await page.getByLabel("Prompt").fill(prompt);
  await page.getByRole("button", { name: "Generate" }).click();
  const request = await posted;
  await expect(page.getByRole("article", { name: `Generation: ${prompt}` })).toBeVisible();
  const headers = request.headers();
  const [input] = JSON.parse(request.postData() ?? "[]") as CreateInput[];
  expect(input?.prompt).toBe(prompt);
  return {
    action: {
      url: request.url(),
      headers: Object.fromEntries(
        ["next-action", "next-router-state-tree", "content-type", "accept"].flatMap((name) =>
          headers[name] ? [[name, headers[name]]] : [],
        ),
      ),
    },
    input: input as CreateInput,
  };
}

/**
 * Presses Generate for every input at once, as that many tabs would; resolves once all are
 * answered, with which of them the server accepted.
 */
function pressGenerate(page: Page, action: CapturedAction, inputs: CreateInput[]): Promise<boolean[]> {
  return page.evaluate(
    ({ action, inputs }) =>
      Promise.all(
        inputs.map(async (input) => {
          const response = await fetch(action.url, {
            method: "POST",
            headers: action.headers,
            body: JSON.stringify([input]),
          });
          return response.ok && (await response.text()).includes('"ok":true');
        }),
      ),
    { action, inputs },
  );
}

async function listGenerations(page: Page, baseUrl: string): Promise<GenerationView[]> {
  const items: GenerationView[] = [];
  let cursor: string | null = null;
  do {
    const response = await page.request.get(
      `${baseUrl}/api/gallery${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(response.ok()).toBe(true);
    const body = (await response.json()) as { items: GenerationView[]; nextCursor: string | null };
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

// Every other task fails upstream: both endings must come through, and half the images to render,
// download and shrink keep the test's time in bounds on a busy machine.
const promptFor = (label: string, n: number, directive: string) =>
  `${label} ${String(n).padStart(2, "0")} [sim:${directive}${n % 2 === 1 ? ",outcome=fail" : ""}]`;

const inputsFor = (label: string, directive: string, count: number, from = 0): CreateInput[] =>
  Array.from({ length: count }, (_, i) => ({
    prompt: promptFor(label, from + i, directive),
    aspectRatio: "1:1",
    quality: "basic",
    idempotencyKey: randomUUID(),
    referenceIds: [],
  }));

function killHard(app: AppServer): Promise<number | null> {
  if (app.pid) process.kill(app.pid, "SIGKILL");
  return app.exited;
}

const released = (app: AppServer) =>
  app.output().match(/released claims of the previous process (.*)/)?.[1] ?? "none";

/** Waits until every generation shows what the upstream has for its prompt (or the time is up). */
async function untilSettled(page: Page, baseUrl: string, simulator: SimulatorProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [generations, tasks] = await Promise.all([listGenerations(page, baseUrl), simulator.tasks()]);
    const settled = generations.every((generation) => {
      const task = tasks.find((t) => t.prompt === generation.prompt);
      return task ? task.phase === generation.status : cutOffBeforeSending(generation);
    });
    if (settled || Date.now() > deadline) return { generations, tasks };
    await page.waitForTimeout(1000);
  }
}

// A send the kill cut off between its claim and the request leaving: from our side that cannot be
// told apart from one the upstream got, so it stays "unknown" (never sent again) and the upstream
// has no task for it.
const cutOffBeforeSending = (generation: GenerationView) => generation.status === "unknown";

function expectMatchesUpstream(generations: GenerationView[], tasks: SimulatorTask[], dataDir: string) {
  const prompts = generations.map((g) => g.prompt);
  expect(new Set(prompts).size, "one generation per press, however often it was pressed").toBe(
    prompts.length,
  );
  const created = tasks.map((task) => task.prompt);
  expect(new Set(created).size, "no create sent twice").toBe(created.length);
  const neverSent = generations.filter((g) => !created.includes(g.prompt));
  expect(
    neverSent.filter((g) => !cutOffBeforeSending(g)),
    "only a send cut off stays without a task",
  ).toEqual([]);
  expect(created.sort()).toEqual(prompts.filter((p) => !neverSent.some((g) => g.prompt === p)).sort());
  generations = generations.filter((g) => !neverSent.includes(g));
  const mismatched = generations
    .map((g) => ({
      prompt: g.prompt,
      ours: g.status,
      error: g.error?.code,
      upstream: tasks.find((t) => t.prompt === g.prompt)?.phase,
    }))
    .filter((row) => row.ours !== row.upstream);
  expect(mismatched, "every generation ends as the upstream has it").toEqual([]);
  const succeeded = generations.filter((g) => g.status === "succeeded");
  expect(succeeded.length).toBeGreaterThan(0);
  const images = generations.flatMap((g) => (g.image ? [g.image.id] : []));
  expect(images).toHaveLength(succeeded.length);
  expect(new Set(images).size).toBe(succeeded.length);
  const resultsRoot = path.join(dataDir, "media", "users");
  const stored = fs.readdirSync(resultsRoot).flatMap((user) => {
    const results = path.join(resultsRoot, user, "results");
    return fs.existsSync(results)
      ? fs.readdirSync(results).map((id) => fs.readdirSync(path.join(results, id)))
      : [];
  });
  expect(stored, "one original, thumbnail, medium and display copy per image, nothing twice").toHaveLength(
    succeeded.length,
  );
  for (const files of stored) expect(files).toHaveLength(4);
}

for (const [index, database] of (["pglite", "postgres"] as const).entries()) {
  test(`kill -9 right after ${COUNT} submits and with ${COUNT} creates in flight, on ${database}: all end as the upstream has them`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    let postgresServer: PostgresServer | null = null;
    if (database === "postgres") {
      postgresServer = await startPostgres();
      test.skip(!postgresServer && !process.env.REQUIRE_POSTGRES_TESTS, "PostgreSQL is not installed");
      if (!postgresServer) throw new Error("REQUIRE_POSTGRES_TESTS is set but PostgreSQL could not start.");
    }
    const simulator = await startSimulatorProcess(e2ePort(41 + index));
    const dataDir = path.resolve(`tests/.tmp/crash-${database}-${Date.now()}`);
    const port = e2ePort(43 + index);
    const logs: AppServer[] = [];
    const start = async () => {
      const started = await startAppServer({
        port,
        dataDir,
        databaseUrl: postgresServer?.url,
        env: simulator.appEnv,
      });
      logs.push(started);
      return started;
    };
    const figures: Record<string, unknown> = { database };
    let app = await start();
    try {
      await signUp(page, app.url);
      const run = `crash-${database}`;

      // 1. Killed the moment the create actions have answered: the upstream may have none, some or
      //    all of them. Then the browser presses again with the same keys, as the composer does
      //    after a network error.
      const first = await generateCapturing(page, promptFor(`${run} B`, 0, DIRECTIVE));
      const afterSubmits = inputsFor(`${run} B`, DIRECTIVE, COUNT - 1, 1);
      const pressed = [first.input, ...afterSubmits];
      expect(await pressGenerate(page, first.action, afterSubmits)).toEqual(afterSubmits.map(() => true));
      await killHard(app);
      figures.sentWhenKilledAfterSubmits = (await simulator.tasks()).length;
      app = await start();
      figures.releasedAtFirstRestart = released(app);
      expect(await pressGenerate(page, first.action, pressed)).toEqual(pressed.map(() => true));

      // 2. Killed with every create received upstream and the answers still on their way.
      const inFlight = inputsFor(`${run} A`, `latencyMs=${ANSWER_DELAY_MS},${DIRECTIVE}`, COUNT);
      const answered = pressGenerate(page, first.action, inFlight).catch(() => []);
      const received = async () =>
        (await simulator.tasks()).filter((task) => task.prompt.startsWith(`${run} A`)).length;
      while ((await received()) < COUNT) await page.waitForTimeout(50);
      const killedAt = Date.now();
      await killHard(app);
      await answered;
      figures.answersOutstandingWhenKilledInFlight = (await simulator.tasks()).filter(
        (task) => task.prompt.startsWith(`${run} A`) && task.createdAt > killedAt - ANSWER_DELAY_MS,
      ).length;
      const restartedAt = Date.now();
      app = await start();
      figures.restartMs = Date.now() - restartedAt;
      figures.releasedAtSecondRestart = released(app);
      // Nobody watches: what settles the work now is the restarted server on its own.
      await page.goto("about:blank");
      const { generations, tasks } = await untilSettled(page, app.url, simulator, 90_000);
      figures.settledMsAfterRestart = Date.now() - restartedAt;
      figures.statuses = Object.fromEntries(
        [...new Set(generations.map((g) => g.status))].map((s) => [
          s,
          generations.filter((g) => g.status === s).length,
        ]),
      );
      expect(generations).toHaveLength(2 * COUNT);
      expectMatchesUpstream(generations, tasks, dataDir);
    } finally {
      // Every incarnation's log and the simulator's, for whoever has to find out what went wrong.
      const log = path.join(dataDir, "crash-test.log");
      fs.writeFileSync(log, [...logs.map((server) => server.output()), simulator.output()].join("\n----\n"));
      console.log(`[crash test] ${JSON.stringify(figures)} (logs in ${log})`);
      await app.stop();
      await simulator.stop();
      postgresServer?.stop();
    }
  });
}
