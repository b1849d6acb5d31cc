import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getBreaker } from "@/db/queries/credit-breakers";
import { getGenerationById } from "@/db/queries/generations";
import { getUsage } from "@/db/queries/usage";
import { creditBreakers } from "@/db/schema";
import { admitSubmission, clearCreditsBreaker } from "@/lib/billing/credit-breaker";
import { CURRENT_PROVIDER } from "@/lib/billing/prices";
import { submitGeneration } from "@/lib/generations/submit";

import { databaseCases } from "../support/databases";
import { makeGeneration, makeUser, unlimitedBudget } from "../support/fixtures";
import { setUpSimulatedBackend } from "../support/simulated-backend";

describe.each(databaseCases())("credits breaker on $name", ({ open }) => {
  const backend = setUpSimulatedBackend({ open }, { mediaDirPrefix: "seedream-breaker-" });
  beforeEach(async () => {
    await backend.db.delete(creditBreakers);
  });

  const admitted = () =>
    admitSubmission(backend.db).then(
      () => true,
      (error: unknown) => {
        expect(error).toMatchObject({ code: "credits_exhausted" });
        return false;
      },
    );
  /** As if the breaker had opened an hour ago: the cool-down is over. */
  const ageBreaker = () =>
    backend.db.update(creditBreakers).set({ openedAt: sql`now() - interval '1 hour'` });

  async function submitOne(prompt = "a fox") {
    const user = await makeUser(backend.db);
    const budget = unlimitedBudget();
    const generation = await makeGeneration(backend.db, user.id, { prompt }, [], budget);
    await submitGeneration(backend.deps("credit-breaker-test"), generation.id);
    const after = await getGenerationById(backend.db, generation.id);
    const usage = await getUsage(backend.db, { userId: user.id, day: budget.day, month: budget.month });
    return { generation: after, usage };
  }

  it("opens on the upstream's first out-of-credits answer and gives that hold back", async () => {
    expect(await admitted()).toBe(true);
    backend.simulator.setBehaviour({ create: "out_of_credits" });
    const { generation, usage } = await submitOne();
    expect(generation).toMatchObject({
      status: "failed",
      errorCode: "out_of_credits",
      billingState: "released",
    });
    expect(usage.month).toEqual({ images: 0, credits: 0 });
    expect(await getBreaker(backend.db, CURRENT_PROVIDER)).toBeDefined();
    expect(await admitted()).toBe(false);
  });

  it("lets exactly one submission through as the probe after the cool-down, across racers", async () => {
    backend.simulator.setBehaviour({ create: "out_of_credits" });
    await submitOne();
    await ageBreaker();
    const results = await Promise.all(Array.from({ length: 10 }, admitted));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("stays open when the probe meets another 402, and closes when a probe is accepted", async () => {
    backend.simulator.setBehaviour({ create: "out_of_credits" });
    await submitOne();
    await ageBreaker();
    expect(await admitted()).toBe(true);
    await submitOne();
    expect(await admitted()).toBe(false);
    expect(await getBreaker(backend.db, CURRENT_PROVIDER)).toBeDefined();

    backend.simulator.resetBehaviour();
    await backend.db
      .update(creditBreakers)
      .set({ lastProbeAt: sql`now() - interval '1 hour'` })
      .where(eq(creditBreakers.provider, CURRENT_PROVIDER));
    expect(await admitted()).toBe(true);
    const { generation } = await submitOne();
    expect(generation?.status).toBe("running");
    expect(await getBreaker(backend.db, CURRENT_PROVIDER)).toBeUndefined();
    expect(await admitted()).toBe(true);
  });

  it("closes when an admin clears it", async () => {
    backend.simulator.setBehaviour({ create: "out_of_credits" });
    await submitOne();
    const admin = await makeUser(backend.db);
    expect(await clearCreditsBreaker(backend.db, admin.id)).toEqual({ cleared: true });
    expect(await admitted()).toBe(true);
  });
});
