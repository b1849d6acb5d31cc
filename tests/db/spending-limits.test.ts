import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { claimIngest, markFinished, markSubmitted, markTimedOut } from "@/db/queries/generation-lifecycle";
import { getGenerationById, insertGeneration } from "@/db/queries/generations";
import { type Budget, getUsage, LimitReachedError, STUDIO_SCOPE } from "@/db/queries/usage";
import { settlePossiblyCharged } from "@/db/queries/usage-reports";
import { listLimitOverrides, setLimitOverrides } from "@/db/queries/user-limits";
import { generations, ledgerEntries, usageCounters } from "@/db/schema";
import type { Limits } from "@/lib/billing/limits";
import { AppError } from "@/lib/errors";
import { recordGeneration } from "@/lib/generations/record";
import { databaseCases, setUpDatabase } from "../support/databases";
import { generationValues, makeUser, unlimitedBudget } from "../support/fixtures";

const noLimits: Limits = { dailyImages: null, monthlyCredits: null, studioMonthlyCredits: null };

// Each test uses its own month, so the studio-wide counter of one test is not another's.
let monthSeq = 0;
function budget(limits: Partial<Limits>): Budget {
  monthSeq++;
  const month = `2100-${String(monthSeq).padStart(2, "0")}`;
  return { day: `${month}-15`, month, limits: { ...noLimits, ...limits } };
}

const OUTCOME_UNKNOWN = { status: "unknown", errorCode: "outcome_unknown", errorMessage: "?" } as const;

describe.each(databaseCases())("spending limits on $name", ({ open }) => {
  const database = setUpDatabase({ open });

  const submit = (userId: string, budgetNow: Budget, key = randomUUID()) =>
    insertGeneration(database.db, generationValues(userId, { idempotencyKey: key }), { budget: budgetNow });

  /** Fires all at once; counts the accepted and checks every refusal is a limit refusal. */
  async function accepted(submits: Promise<unknown>[]): Promise<number> {
    const results = await Promise.allSettled(submits);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toBeInstanceOf(LimitReachedError);
    }
    return results.filter((result) => result.status === "fulfilled").length;
  }

  const holdsOf = async (userId: string) =>
    (
      await database.db
        .select({ n: count() })
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.userId, userId), eq(ledgerEntries.kind, "hold")))
    )[0]?.n;

  const generationsOf = async (userId: string) =>
    (await database.db.select({ n: count() }).from(generations).where(eq(generations.userId, userId)))[0]?.n;

  it("with room for exactly N more images, 20 simultaneous submits accept exactly N", async () => {
    const user = await makeUser(database.db);
    const daily = budget({ dailyImages: 7 });
    for (let i = 0; i < 3; i++) await submit(user.id, daily);
    const n = await accepted(Array.from({ length: 20 }, () => submit(user.id, daily)));
    expect(n).toBe(4);
    const usage = await getUsage(database.db, { userId: user.id, day: daily.day, month: daily.month });
    expect(usage.today).toEqual({ images: 7, credits: 84 });
    // A refused submit leaves nothing behind: no generation, no ledger entry.
    expect(await generationsOf(user.id)).toBe(7);
    expect(await holdsOf(user.id)).toBe(7);
  });

  it("holds a user's monthly credits the same way", async () => {
    const user = await makeUser(database.db);
    const monthly = budget({ monthlyCredits: 12 * 5 + 11 });
    const n = await accepted(Array.from({ length: 20 }, () => submit(user.id, monthly)));
    expect(n).toBe(5);
  });

  it("never lets two users together pass the studio's monthly credits", async () => {
    const [first, second] = [await makeUser(database.db), await makeUser(database.db)];
    const studio = budget({ studioMonthlyCredits: 1000 });
    // Someone else already spent most of it: 940 of 1000, room for 5 images of 12.
    await database.db
      .insert(usageCounters)
      .values({ scope: STUDIO_SCOPE, period: studio.month, images: 0, credits: 940 });
    const n = await accepted(
      Array.from({ length: 20 }, (_, i) => submit(i % 2 === 0 ? first.id : second.id, studio)),
    );
    expect(n).toBe(5);
    const [counter] = await database.db
      .select()
      .from(usageCounters)
      .where(and(eq(usageCounters.scope, STUDIO_SCOPE), eq(usageCounters.period, studio.month)));
    expect(counter?.credits).toBe(1000);
  });

  it("refuses a limit of 0 (or below one image's cost) without recording anything", async () => {
    const user = await makeUser(database.db);
    await expect(submit(user.id, budget({ dailyImages: 0 }))).rejects.toMatchObject({
      refusal: { scope: "daily_images", used: 0, limit: 0, needed: 1 },
    });
    await expect(submit(user.id, budget({ monthlyCredits: 11 }))).rejects.toMatchObject({
      refusal: { scope: "monthly_credits", used: 0, limit: 11, needed: 12 },
    });
    expect(await generationsOf(user.id)).toBe(0);
  });

  it("places one hold for a duplicated idempotency key", async () => {
    const user = await makeUser(database.db);
    const month = budget({ dailyImages: 10 });
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 8 }, () => submit(user.id, month, key)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await holdsOf(user.id)).toBe(1);
    const usage = await getUsage(database.db, { userId: user.id, day: month.day, month: month.month });
    expect(usage.today.images).toBe(1);
  });

  async function startRunning(userId: string, budgetNow: Budget) {
    const { generation } = await submit(userId, budgetNow);
    const [started] = await markSubmitted(database.db, {
      ids: [generation.id],
      taskId: `task-${generation.id}`,
      upstreamStatus: "queued",
    });
    if (!started) throw new Error("not started");
    return started;
  }

  /** A create that never ran: the upstream's answer to it was lost, or it refused it outright. */
  async function endedBeforeRunning(
    userId: string,
    budgetNow: Budget,
    ending: { status: "unknown" | "failed"; errorCode: string; errorMessage: string },
  ) {
    const { generation } = await submit(userId, budgetNow);
    await markFinished(database.db, { id: generation.id, from: ["pending"], ...ending });
    return generation;
  }

  const failTask = (id: string) =>
    markFinished(database.db, {
      id,
      from: ["running"],
      status: "failed",
      errorCode: "failed",
      errorMessage: "content filter",
    });

  it("frees the room of a released hold at once, once however often the failure is reported", async () => {
    const user = await makeUser(database.db);
    const daily = budget({ dailyImages: 2 });
    const first = await startRunning(user.id, daily);
    await startRunning(user.id, daily);
    await expect(submit(user.id, daily)).rejects.toBeInstanceOf(LimitReachedError);
    // The upstream says the task failed (a content filter): a poll, a callback and the sweep all report it.
    const reports = await Promise.all(Array.from({ length: 5 }, () => failTask(first.id)));
    expect(reports.filter(Boolean)).toHaveLength(1);
    expect((await getGenerationById(database.db, first.id))?.billingState).toBe("released");
    const usage = await getUsage(database.db, { userId: user.id, day: daily.day, month: daily.month });
    expect(usage.today).toEqual({ images: 1, credits: 12 });
    await submit(user.id, daily);
    await expect(submit(user.id, daily)).rejects.toBeInstanceOf(LimitReachedError);
    const releases = await database.db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.generationId, first.id), eq(ledgerEntries.kind, "release")));
    expect(releases).toHaveLength(1);
  });

  it("charges a duplicated success once", async () => {
    const user = await makeUser(database.db);
    const daily = budget({ dailyImages: 5 });
    const generation = await startRunning(user.id, daily);
    // Claims with no time to live all win in turn, as duplicates arriving one after another would.
    const claims = await Promise.all(
      Array.from({ length: 8 }, () =>
        claimIngest(database.db, {
          id: generation.id,
          owner: "spending-test",
          resultUrl: "http://upstream.invalid/a.png",
          claimId: randomUUID(),
          claimTtlMs: 0,
        }),
      ),
    );
    expect(claims.filter(Boolean).length).toBeGreaterThanOrEqual(1);
    const entries = await database.db
      .select({ kind: ledgerEntries.kind })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.generationId, generation.id));
    expect(entries.map((e) => e.kind).sort()).toEqual(["charge", "hold"]);
    expect((await getGenerationById(database.db, generation.id))?.billingState).toBe("charged");
    // A failure reported after the success changes nothing about the money.
    await failTask(generation.id);
    const usage = await getUsage(database.db, { userId: user.id, day: daily.day, month: daily.month });
    expect(usage.today).toEqual({ images: 1, credits: 12 });
  });

  it("keeps the hold of an unknown or timed-out outcome: possibly charged", async () => {
    const user = await makeUser(database.db);
    const daily = budget({ dailyImages: 5 });
    const generation = await endedBeforeRunning(user.id, daily, OUTCOME_UNKNOWN);
    expect((await getGenerationById(database.db, generation.id))?.billingState).toBe("held");
    const late = await startRunning(user.id, daily);
    await markTimedOut(database.db, { id: late.id, message: "late" });
    expect((await getGenerationById(database.db, late.id))?.status).toBe("timed_out");
    expect((await getGenerationById(database.db, late.id))?.billingState).toBe("held");
    const usage = await getUsage(database.db, { userId: user.id, day: daily.day, month: daily.month });
    expect(usage.today.images).toBe(2);
  });

  it("releases a create the upstream refused (no task id), such as out of credits", async () => {
    const user = await makeUser(database.db);
    const daily = budget({ dailyImages: 5 });
    const generation = await endedBeforeRunning(user.id, daily, {
      status: "failed",
      errorCode: "out_of_credits",
      errorMessage: "no credits",
    });
    expect((await getGenerationById(database.db, generation.id))?.billingState).toBe("released");
    const usage = await getUsage(database.db, { userId: user.id, day: daily.day, month: daily.month });
    expect(usage.today).toEqual({ images: 0, credits: 0 });
  });

  it("refuses through the app's own path with the limit, what is left and when it resets", async () => {
    const user = await makeUser(database.db);
    await setLimitOverrides(database.db, {
      userId: user.id,
      adminId: user.id,
      settings: { daily_images: { kind: "custom", value: 1 }, monthly_credits: { kind: "default" } },
    });
    const now = new Date("2030-06-10T20:48:00Z");
    const input = {
      prompt: "a fox",
      aspectRatio: "1:1" as const,
      quality: "basic" as const,
      referenceIds: [],
    };
    await recordGeneration(database.db, user.id, { ...input, idempotencyKey: randomUUID() }, { now });
    const refused = await recordGeneration(
      database.db,
      user.id,
      { ...input, idempotencyKey: randomUUID() },
      { now },
    ).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("limit_reached");
    expect((refused as AppError).message).toBe(
      "Daily limit reached: 1 of 1 images. Resets at 00:00 UTC, in 3 h 12 min.",
    );
    // Unlimited for this user: the same submit goes through.
    await setLimitOverrides(database.db, {
      userId: user.id,
      adminId: user.id,
      settings: { daily_images: { kind: "unlimited" }, monthly_credits: { kind: "default" } },
    });
    const again = await recordGeneration(
      database.db,
      user.id,
      { ...input, idempotencyKey: randomUUID() },
      { now },
    );
    expect(again.created).toBe(true);
  });

  it("lets an admin settle a possibly charged outcome once, as charged or as released", async () => {
    const user = await makeUser(database.db);
    const daily = budget({ dailyImages: 5 });
    const lost = async () => (await endedBeforeRunning(user.id, daily, OUTCOME_UNKNOWN)).id;
    const [charged, released, running] = [
      await lost(),
      await lost(),
      (await startRunning(user.id, daily)).id,
    ];
    expect(
      await settlePossiblyCharged(database.db, { generationId: charged, as: "charged", adminId: user.id }),
    ).toEqual({ userId: user.id, credits: 12 });
    const settles = await Promise.all(
      Array.from({ length: 3 }, () =>
        settlePossiblyCharged(database.db, { generationId: released, as: "released", adminId: user.id }),
      ),
    );
    expect(settles.filter(Boolean)).toHaveLength(1);
    // A running generation settles by itself: not the admin's to decide.
    expect(
      await settlePossiblyCharged(database.db, { generationId: running, as: "released", adminId: user.id }),
    ).toBeNull();
    const usage = await getUsage(database.db, { userId: user.id, day: daily.day, month: daily.month });
    expect(usage.today).toEqual({ images: 2, credits: 24 });
    const adjustments = await database.db
      .select({ note: ledgerEntries.note, actorId: ledgerEntries.actorId })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.userId, user.id), eq(ledgerEntries.kind, "adjustment")));
    expect(adjustments.map((a) => a.note).sort()).toEqual(["charged", "released"]);
  });

  it("stores an admin's override, unlimited as null, and removes it for the default", async () => {
    const user = await makeUser(database.db);
    const set = (settings: Parameters<typeof setLimitOverrides>[1]["settings"]) =>
      setLimitOverrides(database.db, { userId: user.id, adminId: user.id, settings });
    await set({ daily_images: { kind: "custom", value: 3 }, monthly_credits: { kind: "unlimited" } });
    expect(
      (await listLimitOverrides(database.db, user.id)).sort((a, b) => a.kind.localeCompare(b.kind)),
    ).toEqual([
      { kind: "daily_images", value: 3 },
      { kind: "monthly_credits", value: null },
    ]);
    await set({ daily_images: { kind: "default" }, monthly_credits: { kind: "custom", value: 120 } });
    expect(await listLimitOverrides(database.db, user.id)).toEqual([{ kind: "monthly_credits", value: 120 }]);
  });

  it("counts fixtures' generations too (every recorded generation is held)", async () => {
    const user = await makeUser(database.db);
    const today = unlimitedBudget();
    await submit(user.id, today);
    const [row] = await database.db.select().from(generations).where(eq(generations.userId, user.id));
    expect(row?.billingState).toBe("held");
  });
});
