import { and, eq, sql } from "drizzle-orm";
import type { LimitRefusal, LimitScope } from "@/lib/billing/limit-message";
import type { Limits } from "@/lib/billing/limits";
import type { Db } from "../client";
import { generations, ledgerEntries, usageCounters } from "../schema";

// The ledger, settled in the database. A hold is placed in the transaction that records its
// generation, through guarded upserts on the counters (the row lock makes racing submits queue, and
// each re-checks the limit against the committed count); a hold becomes a charge or is released
// only through a conditional UPDATE of the generation's billing_state, so whatever duplicates of
// callbacks, polls or sweeps arrive, each generation is charged or released at most once.

export const STUDIO_SCOPE = "instance";
export const userScope = (userId: string) => `user:${userId}`;

/** The periods a hold counts toward and the limits it must fit: what a submit brings. */
export interface Budget {
  day: string;
  month: string;
  limits: Limits;
}

export class LimitReachedError extends Error {
  constructor(readonly refusal: LimitRefusal) {
    super(`Limit reached: ${refusal.scope}`);
    this.name = "LimitReachedError";
  }
}

interface CounterKey {
  scope: string;
  period: string;
}

interface Guard extends CounterKey {
  limitScope: LimitScope;
  unit: "images" | "credits";
  limit: number | null;
}

/** In one fixed order, so that two transactions never wait on each other's counters crosswise. */
function guardsFor(userId: string, { day, month, limits }: Budget): Guard[] {
  return [
    {
      scope: userScope(userId),
      period: day,
      limitScope: "daily_images",
      unit: "images",
      limit: limits.dailyImages,
    },
    {
      scope: userScope(userId),
      period: month,
      limitScope: "monthly_credits",
      unit: "credits",
      limit: limits.monthlyCredits,
    },
    {
      scope: STUDIO_SCOPE,
      period: month,
      limitScope: "studio_monthly_credits",
      unit: "credits",
      limit: limits.studioMonthlyCredits,
    },
  ];
}

const counterKeys = (userId: string, { day, month }: { day: string; month: string }): CounterKey[] => [
  { scope: userScope(userId), period: day },
  { scope: userScope(userId), period: month },
  { scope: STUDIO_SCOPE, period: month },
];

async function counterValue(db: Db, key: CounterKey, unit: "images" | "credits"): Promise<number> {
  const [row] = await db
    .select({ images: usageCounters.images, credits: usageCounters.credits })
    .from(usageCounters)
    .where(and(eq(usageCounters.scope, key.scope), eq(usageCounters.period, key.period)));
  return row?.[unit] ?? 0;
}

/**
 * Adds one image of `credits` to the user's day and month and to the studio's month, refusing
 * (LimitReachedError, which rolls the caller's transaction back) when one would pass its limit.
 * Call inside the transaction that inserts the generation.
 */
export async function placeHold(
  tx: Db,
  {
    generationId,
    userId,
    credits,
    budget,
  }: { generationId: string; userId: string; credits: number; budget: Budget },
): Promise<void> {
  const amount = { images: 1, credits };
  const guards = guardsFor(userId, budget);
  const refuse = async (guard: Guard): Promise<never> => {
    throw new LimitReachedError({
      scope: guard.limitScope,
      used: await counterValue(tx, guard, guard.unit),
      limit: guard.limit ?? 0,
      needed: amount[guard.unit],
    });
  };
  // The insert branch of an upsert has no WHERE: a limit smaller than one image refuses here.
  for (const guard of guards) {
    if (guard.limit !== null && amount[guard.unit] > guard.limit) await refuse(guard);
  }
  // One statement for the three counters. Rows are locked in the order of VALUES (see guardsFor);
  // a racing submit waits for the lock, then re-checks its guard against the committed count.
  const guarded = guards.map((guard) => {
    const key = sql`${usageCounters.scope} = ${guard.scope} and ${usageCounters.period} = ${guard.period}`;
    if (guard.limit === null) return sql`(${key})`;
    const counter = usageCounters[guard.unit];
    return sql`(${key} and ${counter} + excluded.${sql.identifier(guard.unit)} <= ${guard.limit})`;
  });
  // The entry first: the studio's counter, which every submit needs, is then locked only until commit.
  await tx.insert(ledgerEntries).values({
    generationId,
    userId,
    kind: "hold",
    ...amount,
    day: budget.day,
    month: budget.month,
  });
  const held = await tx
    .insert(usageCounters)
    .values(guards.map((guard) => ({ scope: guard.scope, period: guard.period, ...amount })))
    .onConflictDoUpdate({
      target: [usageCounters.scope, usageCounters.period],
      set: {
        images: sql`${usageCounters.images} + excluded.images`,
        credits: sql`${usageCounters.credits} + excluded.credits`,
      },
      setWhere: sql.join(guarded, sql` or `),
    })
    .returning({ scope: usageCounters.scope, period: usageCounters.period });
  const refused = guards.find(
    (guard) => !held.some((row) => row.scope === guard.scope && row.period === guard.period),
  );
  if (refused) await refuse(refused);
}

async function holdOf(tx: Db, generationId: string) {
  const [hold] = await tx
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.generationId, generationId), eq(ledgerEntries.kind, "hold")));
  if (!hold) throw new Error(`ledger: generation ${generationId} is held without a hold entry`);
  return hold;
}

export interface SettledBy {
  /** The admin who decided an open outcome; absent when the upstream's answer decided. */
  actorId: string;
}

/**
 * Gives the hold back: counters decremented in the periods it counted toward, a release entry.
 * False when the generation is not held (already settled, or recorded before the ledger existed).
 */
export async function releaseHold(tx: Db, generationId: string, settledBy?: SettledBy): Promise<boolean> {
  const [released] = await tx
    .update(generations)
    .set({ billingState: "released" })
    .where(and(eq(generations.id, generationId), eq(generations.billingState, "held")))
    .returning({ id: generations.id });
  if (!released) return false;
  const hold = await holdOf(tx, generationId);
  // One statement per counter, in the order holds take them (see guardsFor).
  for (const key of counterKeys(hold.userId, hold)) {
    await tx
      .update(usageCounters)
      .set({
        images: sql`${usageCounters.images} - ${hold.images}`,
        credits: sql`${usageCounters.credits} - ${hold.credits}`,
      })
      .where(and(eq(usageCounters.scope, key.scope), eq(usageCounters.period, key.period)));
  }
  await tx.insert(ledgerEntries).values({
    generationId,
    userId: hold.userId,
    kind: settledBy ? "adjustment" : "release",
    images: hold.images,
    credits: hold.credits,
    day: hold.day,
    month: hold.month,
    actorId: settledBy?.actorId,
    note: settledBy ? "released" : null,
  });
  return true;
}

/** Turns the hold into a charge; the counters already hold it. False when it was not held. */
export async function chargeHold(tx: Db, generationId: string, settledBy?: SettledBy): Promise<boolean> {
  const [charged] = await tx
    .update(generations)
    .set({ billingState: "charged" })
    .where(and(eq(generations.id, generationId), eq(generations.billingState, "held")))
    .returning({ id: generations.id });
  if (!charged) return false;
  const hold = await holdOf(tx, generationId);
  await tx.insert(ledgerEntries).values({
    generationId,
    userId: hold.userId,
    kind: settledBy ? "adjustment" : "charge",
    images: hold.images,
    credits: hold.credits,
    day: hold.day,
    month: hold.month,
    actorId: settledBy?.actorId,
    note: settledBy ? "charged" : null,
  });
  return true;
}

export interface Usage {
  images: number;
  credits: number;
}

/** The user's day and month and the studio's month, as the limits see them. */
export async function getUsage(
  db: Db,
  { userId, day, month }: { userId: string; day: string; month: string },
): Promise<{ today: Usage; month: Usage; studioMonth: Usage }> {
  const keys = counterKeys(userId, { day, month });
  const rows = await db
    .select()
    .from(usageCounters)
    .where(
      sql`(${usageCounters.scope}, ${usageCounters.period}) in (${sql.join(
        keys.map((key) => sql`(${key.scope}, ${key.period})`),
        sql`, `,
      )})`,
    );
  const find = (key: CounterKey | undefined): Usage => {
    const row = rows.find((r) => r.scope === key?.scope && r.period === key?.period);
    return { images: row?.images ?? 0, credits: row?.credits ?? 0 };
  };
  return { today: find(keys[0]), month: find(keys[1]), studioMonth: find(keys[2]) };
}
