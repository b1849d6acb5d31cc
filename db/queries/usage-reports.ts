import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { generations, type LedgerEntry, ledgerEntries, usageCounters, users } from "../schema";
import { chargeHold, releaseHold, STUDIO_SCOPE, userScope } from "./usage";

// What the usage pages read. Counters answer "how much" (cheap, the numbers limits use); the
// ledger answers "what happened".

export interface DayUsage {
  day: string;
  images: number;
  credits: number;
}

/** The user's counters for these days; a day with nothing held or charged reads as zero. */
export async function listDailyUsage(
  db: Db,
  { userId, days }: { userId: string; days: readonly string[] },
): Promise<DayUsage[]> {
  if (days.length === 0) return [];
  const rows = await db
    .select()
    .from(usageCounters)
    .where(and(eq(usageCounters.scope, userScope(userId)), inArray(usageCounters.period, [...days])));
  return days.map((day) => {
    const row = rows.find((r) => r.period === day);
    return { day, images: row?.images ?? 0, credits: row?.credits ?? 0 };
  });
}

export type LedgerItem = LedgerEntry & { prompt: string | null };

/** The user's ledger, newest first. */
export async function listLedgerForUser(
  db: Db,
  { userId, limit }: { userId: string; limit: number },
): Promise<LedgerItem[]> {
  const rows = await db
    .select({ entry: ledgerEntries, prompt: generations.prompt })
    .from(ledgerEntries)
    .leftJoin(generations, eq(generations.id, ledgerEntries.generationId))
    .where(eq(ledgerEntries.userId, userId))
    .orderBy(desc(ledgerEntries.createdAt), desc(ledgerEntries.id))
    .limit(limit);
  return rows.map(({ entry, prompt }) => ({ ...entry, prompt }));
}

export interface UserUsageRow {
  id: string;
  email: string;
  imagesToday: number;
  imagesThisMonth: number;
  creditsThisMonth: number;
}

/** Every user with their day and month, for the admin. */
export async function listUsageByUser(
  db: Db,
  { day, month }: { day: string; month: string },
): Promise<UserUsageRow[]> {
  const today = db.select().from(usageCounters).where(eq(usageCounters.period, day)).as("today");
  const thisMonth = db.select().from(usageCounters).where(eq(usageCounters.period, month)).as("this_month");
  const scope = sql`'user:' || ${users.id}::text`;
  return db
    .select({
      id: users.id,
      email: users.email,
      imagesToday: sql<number>`coalesce(${today.images}, 0)`.mapWith(Number),
      imagesThisMonth: sql<number>`coalesce(${thisMonth.images}, 0)`.mapWith(Number),
      creditsThisMonth: sql<number>`coalesce(${thisMonth.credits}, 0)`.mapWith(Number),
    })
    .from(users)
    .leftJoin(today, eq(today.scope, scope))
    .leftJoin(thisMonth, eq(thisMonth.scope, scope))
    .orderBy(desc(sql`coalesce(${thisMonth.credits}, 0)`), asc(users.email));
}

export async function getStudioMonth(db: Db, month: string): Promise<{ images: number; credits: number }> {
  const [row] = await db
    .select({ images: usageCounters.images, credits: usageCounters.credits })
    .from(usageCounters)
    .where(and(eq(usageCounters.scope, STUDIO_SCOPE), eq(usageCounters.period, month)));
  return row ?? { images: 0, credits: 0 };
}

// Outcomes that will not settle by themselves any more (or not soon): their holds keep counting.
const openOutcomes = ["unknown", "timed_out", "failed"] as const;

export interface PossiblyCharged {
  id: string;
  userEmail: string | null;
  prompt: string;
  status: string;
  errorCode: string | null;
  costCredits: number;
  createdAt: Date;
}

/** Generations still held whose outcome the upstream never told us: the upstream may have charged. */
export async function listPossiblyCharged(db: Db, { limit }: { limit: number }): Promise<PossiblyCharged[]> {
  return db
    .select({
      id: generations.id,
      userEmail: users.email,
      prompt: generations.prompt,
      status: generations.status,
      errorCode: generations.errorCode,
      costCredits: generations.costCredits,
      createdAt: generations.createdAt,
    })
    .from(generations)
    .leftJoin(users, eq(users.id, generations.userId))
    .where(and(eq(generations.billingState, "held"), inArray(generations.status, [...openOutcomes])))
    .orderBy(desc(generations.createdAt))
    .limit(limit);
}

/**
 * An admin settles a possibly charged outcome (after checking the upstream's dashboard): charged,
 * or released so that it stops counting. Only for an outcome that is still open and still held.
 */
export async function settlePossiblyCharged(
  db: Db,
  { generationId, as, adminId }: { generationId: string; as: "charged" | "released"; adminId: string },
): Promise<{ userId: string; credits: number } | null> {
  return db.transaction(async (tx) => {
    const [open] = await tx
      .select({ userId: generations.userId, credits: generations.costCredits })
      .from(generations)
      .where(
        and(
          eq(generations.id, generationId),
          eq(generations.billingState, "held"),
          inArray(generations.status, [...openOutcomes]),
        ),
      )
      // The row stays ours until commit: a late callback settling it waits, then finds it settled.
      .for("update");
    if (!open) return null;
    const settled =
      as === "charged"
        ? await chargeHold(tx, generationId, { actorId: adminId })
        : await releaseHold(tx, generationId, { actorId: adminId });
    return settled ? open : null;
  });
}
