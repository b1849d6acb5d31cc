import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { claimIngest, claimSubmission } from "@/db/queries/generation-lifecycle";
import { releaseClaimsOf } from "@/db/queries/generation-recovery";
import { generations } from "@/db/schema";
import { refreshGeneration } from "@/lib/generations/refresh";
import { submitGeneration } from "@/lib/generations/submit";
import { sweepGenerations } from "@/lib/generations/sweeper";

import { databaseCases } from "../support/databases";
import { makeGeneration, makeUser, storedGeneration } from "../support/fixtures";
import { setUpSimulatedBackend } from "../support/simulated-backend";

// What a process that died leaves behind, and what the next one (or another instance) does with it.
const DEAD = "0b7e1f7c-5c43-4a8a-9d0e-1f5a2e7c9d01";
const OTHER = "6f1c2d3e-4b5a-4978-8c6d-5e4f3a2b1c0d";

describe.each(databaseCases())("crash recovery on $name", ({ open }) => {
  const backend = setUpSimulatedBackend({ open }, { mediaDirPrefix: "seedream-recovery-" });
  const reload = (id: string) => storedGeneration(backend.db, id);
  const setColumns = (id: string, values: PgUpdateSetSource<typeof generations>) =>
    backend.db.update(generations).set(values).where(eq(generations.id, id));
  const tasksFor = async (prompt: string) => {
    const response = await fetch(`${backend.simulator.url}/__sim/tasks`, {
      headers: { authorization: `Bearer ${backend.simulator.controlSecret}` },
    });
    const tasks = (await response.json()) as { prompt: string; phase: string }[];
    return tasks.filter((task) => task.prompt === prompt);
  };
  async function untilSucceeded(prompt: string) {
    for (let i = 0; i < 200 && (await tasksFor(prompt))[0]?.phase !== "succeeded"; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it("sends a create that was recorded but never sent, exactly once however many sweeps race", async () => {
    backend.simulator.setBehaviour({ durationMs: 50 });
    const prompt = `recorded, then the process died ${randomUUID()}`;
    const generation = await makeGeneration(backend.db, (await makeUser(backend.db)).id, { prompt });
    await setColumns(generation.id, { createdAt: sql`now() - interval '30 seconds'` });
    // Two instances (or a restarted one and another) sweep at the same moment.
    await Promise.all([sweepGenerations(backend.deps(DEAD)), sweepGenerations(backend.deps(OTHER))]);
    expect(await reload(generation.id)).toMatchObject({ status: "running", claimedBy: null });
    expect(await tasksFor(prompt)).toHaveLength(1);
  });

  it("at restart makes its own cut-off sends unknown at once, and leaves other instances' alone", async () => {
    const user = await makeUser(backend.db);
    const mine = await makeGeneration(backend.db, user.id);
    const theirs = await makeGeneration(backend.db, user.id);
    await claimSubmission(backend.db, mine.id, DEAD);
    await claimSubmission(backend.db, theirs.id, OTHER);
    await releaseClaimsOf(backend.db, DEAD);
    expect(await reload(mine.id)).toMatchObject({ status: "unknown", errorCode: "outcome_unknown" });
    expect((await reload(mine.id)).errorMessage).toContain("not sent again");
    expect(await reload(theirs.id)).toMatchObject({ status: "pending", claimedBy: OTHER });
  });

  it("at restart takes its own dead download up again at once, not after the claim's 2 minutes", async () => {
    backend.simulator.setBehaviour({ durationMs: 10 });
    const user = await makeUser(backend.db);
    const prompt = `killed mid-download ${randomUUID()}`;
    const mine = await makeGeneration(backend.db, user.id, { prompt });
    await submitGeneration(backend.deps(DEAD), mine.id);
    await untilSucceeded(prompt);
    const { upstreamTaskId } = await reload(mine.id);
    const resultUrl = `${backend.simulator.url}/files/${upstreamTaskId}.jpg`;
    // The dead process had claimed the download; a moment later the restarted one looks.
    await claimIngest(backend.db, {
      id: mine.id,
      owner: DEAD,
      resultUrl,
      claimId: randomUUID(),
      claimTtlMs: 120_000,
    });
    await setColumns(mine.id, { nextCheckAt: null, lastCheckedAt: sql`now() - interval '1 minute'` });
    await refreshGeneration(backend.deps(DEAD), await reload(mine.id));
    expect(await reload(mine.id)).toMatchObject({ status: "running", claimedBy: DEAD });

    await releaseClaimsOf(backend.db, DEAD);
    await refreshGeneration(backend.deps(DEAD), await reload(mine.id));
    const done = await reload(mine.id);
    expect(done).toMatchObject({ status: "succeeded", claimedBy: null });
    expect(done.media).not.toBeNull();
  });

  it("never times out a task the upstream finished: past the deadline it asks first, then downloads", async () => {
    backend.simulator.setBehaviour({ durationMs: 10 });
    const user = await makeUser(backend.db);
    const prompts = [`finished late, polled ${randomUUID()}`, `finished late, swept ${randomUUID()}`];
    const [polled, swept] = await Promise.all(
      prompts.map((prompt) => makeGeneration(backend.db, user.id, { prompt })),
    );
    if (!polled || !swept) throw new Error("no rows");
    for (const row of [polled, swept]) await submitGeneration(backend.deps(OTHER), row.id);
    for (const prompt of prompts) await untilSucceeded(prompt);
    for (const row of [polled, swept])
      await setColumns(row.id, { createdAt: sql`now() - interval '16 minutes'` });

    await refreshGeneration(backend.deps(OTHER), await reload(polled.id));
    await sweepGenerations(backend.deps(OTHER));
    for (const row of [polled, swept]) {
      expect(await reload(row.id)).toMatchObject({ status: "succeeded", errorCode: null });
    }
  });

  it("asks again about a timed-out task later, and downloads it if it finished after all", async () => {
    backend.simulator.setBehaviour({ durationMs: 1000 });
    const prompt = `slower than the deadline ${randomUUID()}`;
    const generation = await makeGeneration(backend.db, (await makeUser(backend.db)).id, { prompt });
    await submitGeneration(backend.deps(OTHER), generation.id);
    await setColumns(generation.id, { createdAt: sql`now() - interval '16 minutes'` });
    await refreshGeneration(backend.deps(OTHER), await reload(generation.id));
    expect(await reload(generation.id)).toMatchObject({ status: "timed_out", claimedBy: null });

    await untilSucceeded(prompt);
    await sweepGenerations(backend.deps(OTHER));
    // Asked again only after the late-check interval, not at the sweep's pace.
    expect((await reload(generation.id)).status).toBe("timed_out");
    await setColumns(generation.id, { lastCheckedAt: sql`now() - interval '11 minutes'` });
    await sweepGenerations(backend.deps(OTHER));
    const done = await reload(generation.id);
    expect(done).toMatchObject({ status: "succeeded", errorCode: null, errorMessage: null });
    expect(done.completedAt).not.toBeNull();
  });
});
