import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { openDatabase } from "@/db/client";
import { ensureSeedUser, seedGallery } from "@/db/seed/gallery";
import { chromiumExecutable, startAppServer } from "../e2e/support/app-server";
import { freshPostgresDatabase } from "../support/postgres-server";
import { percentile, round } from "./stats";

const PORT = 3291;
const SIM_PORT = 4391;
const base = `http://localhost:${PORT}`;
const EMAIL = "gallery-bench@example.com";
const PASSWORD = "gallery bench password";
export const GALLERY_ROWS = 100_000;
export const DEEP_PAGES = 500;
const RUNS = 60;

export interface Timing {
  p50: number;
  p99: number;
}
export interface GalleryResults {
  seedSeconds: number;
  first: Timing;
  deep: Timing;
  searchCommon: Timing & { matches: string };
  searchNone: Timing;
}

async function signInCookie(): Promise<string> {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: ["--no-sandbox"] });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel("Email").fill(EMAIL);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Recent results" }).waitFor();
    return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await browser.close();
  }
}

/** The handler's own time for one request, from its Server-Timing header. */
async function serverTime(
  cookie: string,
  query: string,
): Promise<{ ms: number; body: { items: unknown[]; nextCursor: string | null } }> {
  const response = await fetch(`${base}/api/gallery?${query}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`gallery answered ${response.status}`);
  const body = (await response.json()) as { items: unknown[]; nextCursor: string | null };
  const ms = Number(response.headers.get("server-timing")?.match(/dur=([\d.]+)/)?.[1]);
  return { ms, body };
}

async function timeQuery(cookie: string, query: string): Promise<Timing> {
  for (let i = 0; i < 5; i++) await serverTime(cookie, query);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await serverTime(cookie, query)).ms);
  return { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)) };
}

/** Seeds 100,000 generations for one user, then times gallery pages through the production server. */
export async function benchGallery(postgresServerUrl?: string): Promise<GalleryResults> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-gallery-bench-"));
  const databaseUrl = postgresServerUrl ? await freshPostgresDatabase(postgresServerUrl) : undefined;
  const seedStarted = performance.now();
  const handle = await openDatabase(
    databaseUrl ? { databaseUrl } : { pgliteDir: path.join(dataDir, "pglite") },
  );
  try {
    const userId = await ensureSeedUser(handle.db, EMAIL, PASSWORD);
    await seedGallery(handle.db, { userId, count: GALLERY_ROWS });
  } finally {
    await handle.close();
  }
  const seedSeconds = round((performance.now() - seedStarted) / 1000);
  const server = await startAppServer({ port: PORT, dataDir, simulatorPort: SIM_PORT, databaseUrl });
  try {
    const cookie = await signInCookie();
    const first = await timeQuery(cookie, "");
    let cursor: string | null = null;
    for (let page = 0; page < DEEP_PAGES; page++) {
      const { body } = await serverTime(cookie, cursor ? `cursor=${cursor}` : "");
      cursor = body.nextCursor;
      if (!cursor) throw new Error(`history ended after ${page + 1} pages`);
    }
    const deep = await timeQuery(cookie, `cursor=${cursor}`);
    const common = await serverTime(cookie, "q=lighthouse");
    const searchCommon = {
      ...(await timeQuery(cookie, "q=lighthouse")),
      matches: `${common.body.items.length}+ per page`,
    };
    const searchNone = await timeQuery(cookie, "q=zeppelin");
    return { seedSeconds, first, deep, searchCommon, searchNone };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
