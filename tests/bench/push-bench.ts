import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "@playwright/test";
import postgres from "postgres";
import { type AppServer, chromiumExecutable, startAppServer } from "../e2e/support/app-server";
import { startSimulatorProcess } from "../e2e/support/simulator-process";
import { startPostgres } from "../support/postgres-server";
import { percentile, round } from "./stats";

// `npm run bench:push` (after `next build`): how soon a finished task shows as an image in the
// browser, pushed (with the upstream's callback, and with the worker's checks alone) against
// polling (the event stream blocked); then 200 open event streams on one instance: its memory and
// how long a change takes to reach every stream. Prints the rows for docs/benchmarks.md.

const PORT = 3296;
const SIM_PORT = 3297;
const base = `http://localhost:${PORT}`;
const SAMPLES = 15;
const TASK_MS = 2000;
const STREAMS = 200;
const STREAM_USERS = 4;
const EVENT_ROUNDS = 20;

async function signUp(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/sign-up`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("benchmark password");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { name: "Recent results" }).waitFor();
  return page;
}

interface SimTask {
  prompt: string;
  completedAt: number | null;
}

/** Finished (the simulator's clock) → image decoded in the page (the browser's clock, same machine). */
async function finishedToImage(
  page: Page,
  tasks: () => Promise<SimTask[]>,
  label: string,
  directive: string,
): Promise<number[]> {
  const delays: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const prompt = `${label} ${i} [sim:durationMs=${TASK_MS}${directive}]`;
    await page.getByLabel("Prompt").fill(prompt);
    await page.getByRole("button", { name: "Generate" }).click();
    const shown = await page.waitForFunction(
      (alt) => {
        const image = [...document.images].find((img) => img.alt === alt);
        return image?.complete && image.naturalWidth > 0 ? Date.now() : false;
      },
      prompt,
      { polling: 20, timeout: 60_000 },
    );
    const shownAt = (await shown.jsonValue()) as number;
    const task = (await tasks()).find((t) => t.prompt === prompt);
    if (!task?.completedAt) throw new Error(`no completion time for ${prompt}`);
    delays.push(shownAt - task.completedAt);
  }
  return delays;
}

const row = (label: string, delays: number[]) =>
  `| ${label} | ${SAMPLES} | ${round(percentile(delays, 50), 0)} ms | ${round(percentile(delays, 95), 0)} ms |`;

function rssMiB(pid: number | undefined): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
}

/** An SSE client that records when each `event: generations` after the snapshot arrives. */
async function openStream(cookie: string, onEvent: () => void): Promise<AbortController> {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/events`, { headers: { cookie }, signal: controller.signal });
  if (response.status !== 200 || !response.body) throw new Error(`stream refused: ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let snapshotSeen = false;
  let buffer = "";
  let resolveSnapshot = () => {};
  const snapshot = new Promise<void>((resolve) => {
    resolveSnapshot = resolve;
  });
  void (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!block.startsWith("event: generations")) continue;
        if (!snapshotSeen) {
          snapshotSeen = true;
          resolveSnapshot();
        } else onEvent();
      }
    }
  })();
  await snapshot;
  return controller;
}

async function streams(app: AppServer, sql: postgres.Sql, context: BrowserContext): Promise<string[]> {
  const users: { cookie: string; id: string }[] = [];
  for (let i = 0; i < STREAM_USERS; i++) {
    const email = `streams-${i}-${Date.now()}@bench.example`;
    const page = await signUp(context, email);
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    await context.clearCookies();
    await page.close();
    const [user] = await sql`select id from users where email = ${email}`;
    users.push({ cookie, id: String(user?.id) });
  }
  const ids: string[] = [];
  for (const user of users) {
    const [row] = await sql`
      insert into generations (user_id, idempotency_key, mode, model, prompt, aspect_ratio, quality,
        cost_credits, callback_token, status)
      values (${user.id}, ${`bench-${user.id}`}, 'generate', 'seedream/4.5-text-to-image', 'bench',
        '1:1', 'basic', 12, ${`bench-token-${user.id}`}, 'failed')
      returning id`;
    ids.push(String(row?.id));
  }
  await new Promise((r) => setTimeout(r, 2000));
  const before = rssMiB(app.pid);
  let received = 0;
  const arrivals: number[] = [];
  let sentAt = 0;
  const controllers = await Promise.all(
    Array.from({ length: STREAMS }, (_, i) =>
      openStream(users[i % STREAM_USERS]?.cookie ?? "", () => {
        received++;
        arrivals.push(performance.now() - sentAt);
      }),
    ),
  );
  await new Promise((r) => setTimeout(r, 3000));
  const during = rssMiB(app.pid);
  for (let round = 0; round < EVENT_ROUNDS; round++) {
    received = 0;
    sentAt = performance.now();
    // One statement changes one generation of each user: every stream gets exactly one event.
    await sql`update generations set starred = not starred where id in ${sql(ids)}`;
    const deadline = Date.now() + 10_000;
    while (received < STREAMS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    if (received < STREAMS) throw new Error(`only ${received} of ${STREAMS} streams got the event`);
    await new Promise((r) => setTimeout(r, 200));
  }
  for (const controller of controllers) controller.abort();
  return [
    `| ${STREAMS} streams (${STREAM_USERS} users × ${STREAMS / STREAM_USERS}) | ${round(before, 0)} MiB | ${round(during, 0)} MiB (+${round(((during - before) * 1024) / STREAMS, 0)} KiB per stream) | ${round(percentile(arrivals, 50), 0)} ms | ${round(percentile(arrivals, 95), 0)} ms | ${round(Math.max(...arrivals), 0)} ms |`,
  ];
}

async function main() {
  const database = await startPostgres();
  if (!database) throw new Error("bench:push needs PostgreSQL (apt-get install postgresql)");
  const simulator = await startSimulatorProcess(SIM_PORT);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-bench-push-"));
  const app = await startAppServer({ port: PORT, dataDir, databaseUrl: database.url, env: simulator.appEnv });
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: ["--no-sandbox"] });
  const tasks = () => simulator.tasks() as unknown as Promise<SimTask[]>;
  try {
    const context = await browser.newContext();
    const page = await signUp(context, `push-${Date.now()}@bench.example`);
    await page.waitForTimeout(1000);
    const callback = await finishedToImage(page, tasks, "pushed", "");
    const worker = await finishedToImage(page, tasks, "worker", ",callbacks=false");
    const blocked = await browser.newContext();
    await blocked.route("**/api/events", (route) => route.abort());
    const polled = await signUp(blocked, `poll-${Date.now()}@bench.example`);
    const polling = await finishedToImage(polled, tasks, "polled", ",callbacks=false");
    const pollingCallback = await finishedToImage(polled, tasks, "polled-callback", "");
    await blocked.close();
    await context.close();
    const streamRows = await streams(app, sql, await browser.newContext());
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, load ${os
      .loadavg()
      .map((l) => round(l, 1))
      .join(" ")}`;
    console.log(
      [
        `Machine: ${machine}; ${new Date().toISOString()}; PostgreSQL, simulator tasks of ${TASK_MS} ms.`,
        "",
        "| finished → image in the browser | samples | p50 | p95 |",
        "|---|---|---|---|",
        row("push, upstream callback", callback),
        row("push, worker checks only (no callback)", worker),
        row("polling (stream blocked), no callback", polling),
        row("polling (stream blocked), upstream callback", pollingCallback),
        "",
        "| open streams | server RSS before | with the streams | event → every stream p50 | p95 | max |",
        "|---|---|---|---|---|---|",
        ...streamRows,
      ].join("\n"),
    );
  } finally {
    await browser.close();
    await sql.end();
    await app.stop();
    await simulator.stop();
    database.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
