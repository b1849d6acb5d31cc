import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getBreaker } from "@/db/queries/credit-breakers";
import { getGenerationById } from "@/db/queries/generations";
import { getUsage } from "@/db/queries/usage";
import { creditBreakers } from "@/db/schema";
import { admitSubmission, clearCreditsBreaker } from "@/lib/billing/credit-breaker";
import { CURRENT_PROVIDER } from "@/lib/billing/prices";
import { submitGeneration } from "@/lib/generations/submit";
import { createLocalDiskStorage } from "@/lib/media/local-disk-storage";
import { allowedHostOf } from "@/lib/net/allowed-hosts";
import { type Simulator, startSimulator } from "@/lib/simulator/server";

import { databaseCases } from "../support/databases";
import { makeGeneration, makeUser, unlimitedBudget } from "../support/fixtures";
import { apiInOneUpstream, type TestUpstream } from "../support/upstream";

describe.each(databaseCases())("credits breaker on $name", ({ open }) => {
  let handle: DatabaseHandle;
  let simulator: Simulator;
  let root: string;
  let upstream: TestUpstream;

  beforeAll(async () => {
    handle = await open();
    simulator = await startSimulator();
    root = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-breaker-"));
    upstream = apiInOneUpstream(
      { baseUrl: simulator.apiUrl, apiKey: "k", sleep: async () => {} },
      { allowHosts: [allowedHostOf(simulator.url)] },
    );
  });
  afterAll(async () => {
    await simulator.close();
    await handle.close();
    fs.rmSync(root, { recursive: true, force: true });
  });
  beforeEach(async () => {
    simulator.resetBehaviour();
    await handle.db.delete(creditBreakers);
  });

  const deps = () => ({
    db: handle.db,
    instanceId: "credit-breaker-test",
    upstream,
    storage: createLocalDiskStorage({ root, publicBaseUrl: "http://localhost/m", signingSecret: "s" }),
  });
  const admitted = () =>
    admitSubmission(handle.db).then(
      () => true,
      (error: unknown) => {
        expect(error).toMatchObject({ code: "credits_exhausted" });
        return false;
      },
    );
  /** As if the breaker had opened an hour ago: the cool-down is over. */
  const ageBreaker = () => handle.db.update(creditBreakers).set({ openedAt: sql`now() - interval '1 hour'` });

  async function submitOne(prompt = "a fox") {
    const user = await makeUser(handle.db);
    const budget = unlimitedBudget();
    const generation = await makeGeneration(handle.db, user.id, { prompt }, [], budget);
    await submitGeneration(deps(), generation.id);
    const after = await getGenerationById(handle.db, generation.id);
    const usage = await getUsage(handle.db, { userId: user.id, day: budget.day, month: budget.month });
    return { generation: after, usage };
  }

  it("opens on the upstream's first out-of-credits answer and gives that hold back", async () => {
    expect(await admitted()).toBe(true);
    simulator.setBehaviour({ create: "out_of_credits" });
    const { generation, usage } = await submitOne();
    expect(generation).toMatchObject({
      status: "failed",
      errorCode: "out_of_credits",
      billingState: "released",
    });
    expect(usage.month).toEqual({ images: 0, credits: 0 });
    expect(await getBreaker(handle.db, CURRENT_PROVIDER)).toBeDefined();
    expect(await admitted()).toBe(false);
  });

  it("lets exactly one submission through as the probe after the cool-down, across racers", async () => {
    simulator.setBehaviour({ create: "out_of_credits" });
    await submitOne();
    await ageBreaker();
    const results = await Promise.all(Array.from({ length: 10 }, admitted));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("stays open when the probe meets another 402, and closes when a probe is accepted", async () => {
    simulator.setBehaviour({ create: "out_of_credits" });
    await submitOne();
    await ageBreaker();
    expect(await admitted()).toBe(true);
    await submitOne();
    expect(await admitted()).toBe(false);
    expect(await getBreaker(handle.db, CURRENT_PROVIDER)).toBeDefined();

    simulator.resetBehaviour();
    await handle.db
      .update(creditBreakers)
      .set({ lastProbeAt: sql`now() - interval '1 hour'` })
      .where(eq(creditBreakers.provider, CURRENT_PROVIDER));
    expect(await admitted()).toBe(true);
    const { generation } = await submitOne();
    expect(generation?.status).toBe("running");
    expect(await getBreaker(handle.db, CURRENT_PROVIDER)).toBeUndefined();
    expect(await admitted()).toBe(true);
  });

  it("closes when an admin clears it", async () => {
    simulator.setBehaviour({ create: "out_of_credits" });
    await submitOne();
    const admin = await makeUser(handle.db);
    expect(await clearCreditsBreaker(handle.db, admin.id)).toEqual({ cleared: true });
    expect(await admitted()).toBe(true);
  });
});
