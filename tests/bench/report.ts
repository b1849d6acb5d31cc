import fs from "node:fs";
import os from "node:os";
import { DEEP_PAGES, GALLERY_ROWS, type GalleryResults } from "./gallery-bench";
import type { benchIngest } from "./ingest-bench";
import type { LoadResult } from "./stats";

interface AppResults {
  calls: { clients: number; tasks: number; mean: number; all: number[] }[];
  latency: { tasks: number; p50: number; p99: number };
  load: { baseline: LoadResult; status: LoadResult; ratio: number };
}

interface Results {
  pglite: AppResults;
  postgres: AppResults | null;
  ingest: Awaited<ReturnType<typeof benchIngest>>;
  gallery: { pglite: GalleryResults; postgres: GalleryResults | null };
}

const verdict = (ok: boolean) => (ok ? "met" : "**not met**");

function appRows(database: string, { calls, latency, load }: AppResults): string[] {
  const [one, twenty] = calls;
  return [
    `| ${database} | upstream status calls per finished task (8 s task), 1 client | ${one?.mean} (${one?.all.join(", ")}) | | |`,
    `| ${database} | … with 20 clients polling it | ${twenty?.mean} (${twenty?.all.join(", ")}) | the same as 1 client | ${verdict(
      Boolean(one && twenty && twenty.mean <= one.mean * 1.25),
    )} |`,
    `| ${database} | status endpoint, 20 concurrent pollers on a running task | ${load.status.perSecond} req/s, p50 ${load.status.p50} ms, p99 ${load.status.p99} ms | | |`,
    `| ${database} | trivial JSON route (\`/api/health\`), same load, same run | ${load.baseline.perSecond} req/s, p50 ${load.baseline.p50} ms, p99 ${load.baseline.p99} ms | | |`,
    `| ${database} | status throughput ÷ trivial route throughput | ${load.ratio} | ≥ 0.5 | ${verdict(load.ratio >= 0.5)} |`,
    `| ${database} | upstream finished → browser poll returns the stored image (${latency.tasks} tasks) | p50 ${latency.p50} ms, p99 ${latency.p99} ms | p50 ≤ 1500 ms | ${verdict(latency.p50 <= 1500)} |`,
  ];
}

function galleryRows(database: string, g: GalleryResults): string[] {
  const ms = (t: { p50: number; p99: number }) => `p50 ${t.p50} ms, p99 ${t.p99} ms`;
  return [
    `| ${database} | gallery first page (24 items) | ${ms(g.first)} | p50 ≤ 50 ms | ${verdict(g.first.p50 <= 50)} |`,
    `| ${database} | gallery page ${DEEP_PAGES} pages deep (cursor reached by walking every page) | ${ms(g.deep)} | within 1.3× of the first | ${verdict(g.deep.p50 <= g.first.p50 * 1.3)} |`,
    `| ${database} | prompt search, common word (“lighthouse”, ${g.searchCommon.matches}) | ${ms(g.searchCommon)} | | |`,
    `| ${database} | prompt search, no match (reads all ${GALLERY_ROWS.toLocaleString("en")} prompts) | ${ms(g.searchNone)} | | |`,
  ];
}

export function writeReport({ pglite, postgres, ingest, gallery }: Results) {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const lines: string[] = [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (tests/bench/). Production build (`next start`) and the bundled simulator on one",
    "machine, first with the embedded PGlite, then with a local PostgreSQL when one is installed. Pollers behave",
    "like the browser (the cadence of `lib/generations/polling.ts`); load runs last 10 s at 20 concurrent clients,",
    "issued from a process on the same machine.",
    "",
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}`,
    `- Node ${process.version}`,
    "",
    "| database | measure | result | target | |",
    "|---|---|---|---|---|",
    ...appRows("PGlite", pglite),
    ...(postgres ? appRows("PostgreSQL", postgres) : []),
    "",
    `## Gallery with ${GALLERY_ROWS.toLocaleString("en")} generations of one user`,
    "",
    "Seeded by `db/seed/gallery.ts` (`npm run seed:gallery`). Server time is the `/api/gallery` handler's own",
    `Server-Timing (session check, query, sources of edits, JSON), ${60} sequential requests after 5 warm-ups.`,
    `Seeding took ${gallery.pglite.seedSeconds} s on PGlite${gallery.postgres ? ` and ${gallery.postgres.seedSeconds} s on PostgreSQL` : ""}.`,
    "",
    "| database | measure | result | target | |",
    "|---|---|---|---|---|",
    ...galleryRows("PGlite", gallery.pglite),
    ...(gallery.postgres ? galleryRows("PostgreSQL", gallery.postgres) : []),
    "",
    "## Ingest",
    "",
    "| database | measure | result | target | |",
    "|---|---|---|---|---|",
    `| — | ingest one 4096×4096 PNG (${(ingest.bytes / 2 ** 20).toFixed(1)} MiB; download, check, thumbnail, store, commit; ${ingest.runs} runs) | p50 ${ingest.p50} ms, p99 ${ingest.p99} ms | p50 ≤ 500 ms | ${verdict(ingest.p50 <= 500)} |`,
    "",
    "## Notes",
    "",
    "- Gallery pages are keyset-paged: the cursor is a row comparison `(created_at, id) < (…)` that",
    "  PostgreSQL uses as a bound on the `(user_id, created_at DESC, id DESC)` index, so page 500 reads",
    "  what page 1 reads. Writing the index as `DESC NULLS LAST` (Drizzle's default for `.desc()`) made",
    "  it useless for `ORDER BY … DESC` and turned every page into a full sort (130 ms on PGlite); the",
    "  index now matches the query's order exactly.",
    "- A search that matches nothing has to read every prompt of the user: ILIKE over the user's rows,",
    "  the same on both databases. A trigram index (`pg_trgm`, shipped with PGlite as an extension and",
    "  creatable by a database owner on PostgreSQL 13+) would make misses cheap; it is not added yet.",
    "  Common words fill a page early and cost what an unfiltered page does.",
    "- A status poll costs one indexed, prepared read of the columns a view needs, plus decoding the session",
    "  JWT with Auth.js's `getToken`. Only a poll that finds the stored state stale tries the claim (a",
    "  conditional `UPDATE`), and only the claim's winner asks the upstream. Before these changes the ratio",
    "  was 0.17 on PGlite (full `auth()` per poll, a user lookup, a claim `UPDATE` and a second read on every poll).",
    "- On PGlite the status/trivial ratio stays under 0.5: the embedded database runs in WebAssembly on the",
    "  app's own event loop, so every query takes time from serving requests (a CPU profile under this load",
    "  puts about a quarter of the busy time in PGlite). With PostgreSQL the same code meets the target.",
    "  Deployments that expect many concurrent watchers should set `DATABASE_URL`.",
    "- The trivial route's own throughput varies by ±15 % between runs on this machine; compare ratios",
    "  from the same run only, and keep the machine otherwise idle while it runs (another test run on the",
    "  same cores depresses the baseline and inflates the ratio).",
    "",
  ];
  fs.mkdirSync("docs", { recursive: true });
  fs.writeFileSync("docs/benchmarks.md", `${lines.join("\n").trimEnd()}\n${keptSections()}`);
}

// Sections other bench scripts write (`npm run bench:sessions`) survive a full `npm run bench`.
const KEPT_HEADINGS = ["## Session checks"];

function keptSections(): string {
  const doc = fs.existsSync("docs/benchmarks.md") ? fs.readFileSync("docs/benchmarks.md", "utf8") : "";
  return KEPT_HEADINGS.map((heading) => {
    const start = doc.indexOf(heading);
    if (start === -1) return "";
    const end = doc.indexOf("\n## ", start + 1);
    return `\n${doc.slice(start, end === -1 ? undefined : end + 1).trimEnd()}\n`;
  }).join("");
}
