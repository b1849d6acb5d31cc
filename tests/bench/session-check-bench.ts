import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { chromiumExecutable, startAppServer } from "../e2e/support/app-server";
import { freshPostgresDatabase, startPostgres } from "../support/postgres-server";
import { round, runLoad } from "./stats";

// `npm run bench:sessions -- <checkout>`: status-poll throughput of this build against another
// checkout's build (e.g. the commit before server-side sessions), alternating A/B so both see the
// same machine load. The figures replace the "Session checks" section of docs/benchmarks.md.

const PORT = 3295;
const base = `http://localhost:${PORT}`;
const ROUNDS = 3;
const LOAD = { concurrency: 20, seconds: 10 };

async function measure(cwd: string, databaseUrl: string | undefined) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-bench-session-"));
  const server = await startAppServer({ port: PORT, dataDir, databaseUrl, cwd });
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: ["--no-sandbox"] });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/sign-up`);
    await page.getByLabel("Email").fill(`bench-${Date.now()}@example.com`);
    await page.getByLabel("Password").fill("benchmark password");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Recent results" }).waitFor();
    const prompt = `session bench ${Date.now()} [sim:outcome=forever]`;
    await page.getByLabel("Prompt").fill(prompt);
    await page.getByRole("button", { name: "Generate" }).click();
    const id = await page
      .locator(`article[aria-label="Generation: ${prompt}"]`)
      .getAttribute("data-generation-id", { timeout: 10_000 });
    await page.goto(`${base}/gallery`);
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    await new Promise((r) => setTimeout(r, 1500));
    const baseline = await runLoad(() => fetch(`${base}/api/health`), LOAD);
    const status = await runLoad(() => fetch(`${base}/api/generations/${id}`, { headers: { cookie } }), LOAD);
    if (status.errors > 0) throw new Error(`${status.errors} status polls failed`);
    return { status: status.perSecond, ratio: status.perSecond / baseline.perSecond };
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

async function compare(label: string, baselineDir: string, databaseUrl: () => Promise<string | undefined>) {
  const before: { status: number; ratio: number }[] = [];
  const after: { status: number; ratio: number }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    before.push(await measure(baselineDir, await databaseUrl()));
    after.push(await measure(process.cwd(), await databaseUrl()));
    console.log(label, i, before.at(-1), after.at(-1));
  }
  const change = mean(after.map((a) => a.status)) / mean(before.map((b) => b.status)) - 1;
  return [
    `| ${label} | ${before.map((b) => round(b.status)).join(", ")} req/s (÷ trivial route ${round(mean(before.map((b) => b.ratio)), 2)}) | ${after.map((a) => round(a.status)).join(", ")} req/s (÷ trivial route ${round(mean(after.map((a) => a.ratio)), 2)}) | ${round(change * 100)} % | ≥ −10 % | ${change >= -0.1 ? "met" : "**not met**"} |`,
  ];
}

async function main() {
  const baselineDir = path.resolve(process.argv[2] ?? "");
  if (!process.argv[2] || !fs.existsSync(path.join(baselineDir, ".next"))) {
    throw new Error("usage: npm run bench:sessions -- <checkout with a production build>");
  }
  const commit = fs.existsSync(path.join(baselineDir, ".git"))
    ? (await import("node:child_process"))
        .execSync("git rev-parse --short HEAD", { cwd: baselineDir })
        .toString()
        .trim()
    : path.basename(baselineDir);
  const rows = await compare("PGlite", baselineDir, async () => undefined);
  const postgres = await startPostgres();
  if (postgres) {
    try {
      rows.push(...(await compare("PostgreSQL", baselineDir, () => freshPostgresDatabase(postgres.url))));
    } finally {
      postgres.stop();
    }
  }
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const section = [
    "## Session checks (status polls before and after server-side sessions)",
    "",
    `\`npm run bench:sessions -- <checkout>\`: the status endpoint under ${LOAD.concurrency} concurrent pollers for ${LOAD.seconds} s,`,
    `this build against commit ${commit} (the cookie's JWT alone), alternating ${ROUNDS} rounds each so both see the`,
    "same machine load; each round is a fresh server and database.",
    "",
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}`,
    "",
    "| database | before (JWT only) | after (session row checked) | change of the mean | target | |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
  const file = path.resolve("docs/benchmarks.md");
  const doc = fs.readFileSync(file, "utf8");
  const start = doc.indexOf("## Session checks");
  const end = start === -1 ? -1 : doc.indexOf("\n## ", start + 1);
  const next =
    start === -1
      ? `${doc.trimEnd()}\n\n${section}`
      : `${doc.slice(0, start)}${section}${end === -1 ? "" : doc.slice(end + 1)}`;
  fs.writeFileSync(file, next);
  console.log(section);
}

await main();
