import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { type Db, openDatabase } from "@/db/client";
import { generations } from "@/db/schema";
import type { BudgetSettings } from "@/lib/billing/budget";
import { recordGeneration } from "@/lib/generations/record";
import { makeUser } from "../support/fixtures";
import { startPostgres } from "../support/postgres-server";
import { round } from "./stats";

// Submits per second through the app's own recording path (credits check, limits read, generation
// insert with its hold, all in the database), with spending limits set against none, in rounds
// that alternate so that both see the same machine. Limits are set high enough never to refuse:
// this measures what checking them costs, not what refusing saves.

const CONCURRENCY = 16;
const SUBMITS_PER_ROUND = 100;
const ROUNDS = 16;
const USERS = 8;

const limitsOff: BudgetSettings = { BUDGET_TIME_ZONE: "UTC" };
const limitsOn: BudgetSettings = {
  BUDGET_TIME_ZONE: "UTC",
  USER_DAILY_IMAGES: 1_000_000,
  USER_MONTHLY_CREDITS: 100_000_000,
  MONTHLY_CREDITS: 1_000_000_000,
};

type Submit = (userId: string, index: number) => Promise<unknown>;

async function runRound(submit: Submit, userIds: string[]): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < SUBMITS_PER_ROUND) {
        const index = next++;
        await submit(userIds[index % userIds.length] ?? "", index);
      }
    }),
  );
  return SUBMITS_PER_ROUND / ((performance.now() - started) / 1000);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const input = (index: number) => ({
  prompt: `bench submit ${index}`,
  aspectRatio: "1:1" as const,
  quality: "basic" as const,
  idempotencyKey: randomUUID(),
  referenceIds: [],
});

export interface SubmitResults {
  off: number;
  on: number;
  ratio: number;
  /** The insert alone, without breaker check, limits read or hold: what a submit cost before. */
  bare: number;
  rounds: { off: number[]; on: number[]; bare: number[] };
}

async function measure(db: Db): Promise<SubmitResults> {
  const userIds = [];
  for (let i = 0; i < USERS; i++) userIds.push((await makeUser(db)).id);
  const withSettings =
    (settings: BudgetSettings): Submit =>
    (userId, index) =>
      recordGeneration(db, userId, input(index), { settings });
  const bare: Submit = (userId, index) =>
    db.transaction((tx) =>
      tx.insert(generations).values({
        userId,
        idempotencyKey: randomUUID(),
        mode: "generate",
        model: "seedream/4.5-text-to-image",
        prompt: `bench bare ${index}`,
        aspectRatio: "1:1",
        quality: "basic",
        costCredits: 12,
        callbackToken: randomUUID(),
      }),
    );
  await runRound(withSettings(limitsOff), userIds); // warm-up: plans, caches, JIT
  const rounds = { off: [] as number[], on: [] as number[], bare: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    // Alternate which goes first, so neither always follows the other's leftovers.
    const order = i % 2 === 0 ? (["off", "on"] as const) : (["on", "off"] as const);
    for (const which of order) {
      rounds[which].push(await runRound(withSettings(which === "on" ? limitsOn : limitsOff), userIds));
    }
    rounds.bare.push(await runRound(bare, userIds));
  }
  // Each pair ran back to back: what other processes do to the machine drifts over seconds and hits
  // both halves of a pair alike, so the median of the pairs' ratios is steadier than a ratio of medians.
  const pairRatios = rounds.on.map((on, i) => on / (rounds.off[i] ?? on));
  return {
    off: round(median(rounds.off)),
    on: round(median(rounds.on)),
    ratio: round(median(pairRatios), 2),
    bare: round(median(rounds.bare)),
    rounds: {
      off: rounds.off.map((r) => round(r)),
      on: rounds.on.map((r) => round(r)),
      bare: rounds.bare.map((r) => round(r)),
    },
  };
}

export async function benchSubmits(): Promise<{ pglite: SubmitResults; postgres: SubmitResults | null }> {
  const pgliteHandle = await openDatabase({ memory: true });
  let pglite: SubmitResults;
  try {
    pglite = await measure(pgliteHandle.db);
  } finally {
    await pgliteHandle.close();
  }
  const server = await startPostgres();
  if (!server) return { pglite, postgres: null };
  try {
    const handle = await openDatabase({ databaseUrl: server.url });
    try {
      return { pglite, postgres: await measure(handle.db) };
    } finally {
      await handle.close();
    }
  } finally {
    server.stop();
  }
}

const START = "<!-- submits-bench:start -->";
const END = "<!-- submits-bench:end -->";
const verdict = (ok: boolean) => (ok ? "met" : "**not met**");

function rows(database: string, r: SubmitResults): string[] {
  return [
    `| ${database} | submits/s, limits off (${r.rounds.off.join(", ")}) | ${r.off} | | |`,
    `| ${database} | submits/s, all three limits on (${r.rounds.on.join(", ")}) | ${r.on} | | |`,
    `| ${database} | limits on ÷ limits off (median of the pairs) | ${r.ratio} | ≥ 0.8 | ${verdict(r.ratio >= 0.8)} |`,
    `| ${database} | for reference: the bare generation insert, no ledger (${r.rounds.bare.join(", ")}) | ${r.bare} | | |`,
  ];
}

/** Writes (or replaces) this benchmark's own section of docs/benchmarks.md. */
export function writeSubmitsSection(results: { pglite: SubmitResults; postgres: SubmitResults | null }) {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const section = [
    START,
    "## Submits with spending limits",
    "",
    "Written by `npm run bench:submits` (tests/bench/submits-bench.ts), also run by `npm run bench`. The app's",
    "recording path (`recordGeneration`: credits-breaker check, the user's limits, the generation insert with its",
    `hold in one transaction) called ${CONCURRENCY} at a time, ${SUBMITS_PER_ROUND} submits per round from ${USERS} users, ${ROUNDS}`,
    "pairs, limits off and on back to back (alternating which goes first) in the same run. Throughputs are the",
    "median round; the ratio is the median of each pair's on ÷ off, which cancels most of the drift that other",
    "work on the machine causes. With limits on, every submit passes three guarded upserts (user day, user",
    "month, studio month) that never refuse.",
    "",
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}`,
    `- Node ${process.version}; load average when it finished ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(", ")} (other work on the same cores widens the spread between rounds)`,
    "",
    "| database | measure | result | target | |",
    "|---|---|---|---|---|",
    ...rows("PGlite", results.pglite),
    ...(results.postgres ? rows("PostgreSQL", results.postgres) : []),
    "",
    "The counters are kept whether limits are set or not (usage pages and the studio's gauge read them), so",
    "limits off still pays for the hold; the bare insert shows what a submit cost before the ledger existed.",
    "The hold costs a few statements more per submit (two reads, the ledger entry, one multi-row upsert);",
    "even so a single instance records far more submits per second than API in One accepts creates",
    "(20 per 10 s per account).",
    END,
  ].join("\n");
  const file = "docs/benchmarks.md";
  const doc = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmarks\n";
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${doc.slice(0, start)}${section}${doc.slice(end + END.length)}`
      : `${doc.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
}
