import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "@playwright/test";
import { pollIntervalMs } from "@/lib/generations/polling";
import { type GenerationView, generationViewSchema } from "@/lib/generations/view";
import { chromiumExecutable, simulatorControlHeaders, startAppServer } from "../e2e/support/app-server";
import { startPostgres } from "../support/postgres-server";
import { benchGallery, type GalleryResults } from "./gallery-bench";
import { benchIngest } from "./ingest-bench";
import { writeReport } from "./report";
import { percentile, round, runLoad } from "./stats";
import { benchSubmits, writeSubmitsSection } from "./submits-bench";

// `npm run bench`: the performance targets, measured against a production build and the
// simulator on this machine. Results go to docs/benchmarks.md.

const PORT = 3290;
const SIM_PORT = 4390;
const base = `http://localhost:${PORT}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface SimTask {
  prompt: string;
  completedAt: number | null;
  statusCalls: number;
}

// The running app's data folder, where it keeps the simulator's control secret.
let appDataDir = "";

async function simTask(prompt: string): Promise<SimTask> {
  const headers = await simulatorControlHeaders(appDataDir);
  const tasks = (await (
    await fetch(`http://127.0.0.1:${SIM_PORT}/__sim/tasks`, { headers })
  ).json()) as SimTask[];
  const task = tasks.find((t) => t.prompt === prompt);
  if (!task) throw new Error(`simulator has no task for ${prompt}`);
  return task;
}

async function createGeneration(page: Page, prompt: string): Promise<string> {
  await page.goto(`${base}/`);
  await page.getByLabel("Prompt").fill(prompt);
  await page.getByRole("button", { name: "Generate" }).click();
  const card = page.locator(`article[aria-label="Generation: ${prompt.replace(/"/g, '\\"')}"]`);
  const id = await card.getAttribute("data-generation-id", { timeout: 10_000 });
  // Leave the composer so the page itself stops polling: the bench's own pollers do that.
  await page.goto(`${base}/gallery`);
  if (!id) throw new Error("no generation id");
  return id;
}

function statusFetcher(cookie: string) {
  return (id: string) => fetch(`${base}/api/generations/${id}`, { headers: { cookie } });
}

/** Polls like the browser does; resolves with the view once final, and when that answer arrived. */
async function pollLikeBrowser(fetchStatus: (id: string) => Promise<Response>, id: string, offsetMs: number) {
  await sleep(offsetMs);
  for (;;) {
    const view: GenerationView = generationViewSchema.parse(await (await fetchStatus(id)).json());
    if (["succeeded", "failed", "timed_out"].includes(view.status)) return { view, at: Date.now() };
    await sleep(pollIntervalMs(Date.now() - Date.parse(view.createdAt)));
  }
}

async function upstreamCallsPerTask(page: Page, cookie: string, clients: number, tasks: number) {
  const calls: number[] = [];
  for (let i = 0; i < tasks; i++) {
    const prompt = `calls bench ${clients} ${i} ${Date.now()} [sim:durationMs=8000]`;
    const id = await createGeneration(page, prompt);
    await Promise.all(
      Array.from({ length: clients }, () => pollLikeBrowser(statusFetcher(cookie), id, Math.random() * 1000)),
    );
    calls.push((await simTask(prompt)).statusCalls);
  }
  return { clients, tasks, mean: round(calls.reduce((a, b) => a + b, 0) / calls.length), all: calls };
}

async function finishToBrowser(page: Page, cookie: string, tasks: number) {
  const delays: number[] = [];
  for (let i = 0; i < tasks; i++) {
    const prompt = `latency bench ${i} ${Date.now()} [sim:durationMs=${3000 + ((i * 700) % 4000)}]`;
    const id = await createGeneration(page, prompt);
    const { view, at } = await pollLikeBrowser(statusFetcher(cookie), id, 0);
    const task = await simTask(prompt);
    if (view.status !== "succeeded" || !task.completedAt) throw new Error(`task ${i} did not succeed`);
    delays.push(at - task.completedAt);
  }
  return { tasks, p50: round(percentile(delays, 50)), p99: round(percentile(delays, 99)) };
}

async function statusUnderLoad(page: Page, cookie: string) {
  const id = await createGeneration(page, `load bench ${Date.now()} [sim:outcome=forever]`);
  const fetchStatus = statusFetcher(cookie);
  await sleep(1500);
  const options = { concurrency: 20, seconds: 10 };
  const baseline = await runLoad(() => fetch(`${base}/api/health`), options);
  const status = await runLoad(() => fetchStatus(id), options);
  return { baseline, status, ratio: round(status.perSecond / baseline.perSecond, 2) };
}

async function measureApp(databaseUrl?: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-bench-app-"));
  appDataDir = dataDir;
  const server = await startAppServer({ port: PORT, dataDir, simulatorPort: SIM_PORT, databaseUrl });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: chromiumExecutable(), args: ["--no-sandbox"] });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/sign-up`);
    await page.getByLabel("Email").fill(`bench-${Date.now()}@example.com`);
    await page.getByLabel("Password").fill("benchmark password");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Recent results" }).waitFor();
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

    console.log("upstream calls per task…");
    const calls = [
      await upstreamCallsPerTask(page, cookie, 1, 3),
      await upstreamCallsPerTask(page, cookie, 20, 3),
    ];
    console.log(calls);
    console.log("upstream finish → browser…");
    const latency = await finishToBrowser(page, cookie, 10);
    console.log(latency);
    console.log("status endpoint under 20 pollers…");
    const load = await statusUnderLoad(page, cookie);
    console.log(load);
    return { calls, latency, load };
  } finally {
    await browser?.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  console.log("== embedded PGlite");
  const pglite = await measureApp();
  console.log("gallery with 100,000 generations…");
  const galleryPglite = await benchGallery();
  console.log(galleryPglite);
  let postgres: Awaited<ReturnType<typeof measureApp>> | null = null;
  let galleryPostgres: GalleryResults | null = null;
  const server = await startPostgres();
  if (server) {
    try {
      console.log("== PostgreSQL");
      postgres = await measureApp(server.url);
      console.log("gallery with 100,000 generations…");
      galleryPostgres = await benchGallery(server.url);
      console.log(galleryPostgres);
    } finally {
      server.stop();
    }
  } else {
    console.log("PostgreSQL is not installed: measuring PGlite only.");
  }
  console.log("ingest of a 4096×4096 PNG…");
  const ingest = await benchIngest(10);
  console.log(ingest);
  console.log("submits with spending limits on and off…");
  const submits = await benchSubmits();
  console.log(submits);
  writeReport({ pglite, postgres, ingest, gallery: { pglite: galleryPglite, postgres: galleryPostgres } });
  writeSubmitsSection(submits);
  console.log("written to docs/benchmarks.md");
}

await main();
