import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { creditBreakers } from "../schema";

// The breaker for an upstream account out of credits, one row per provider while it is open.
// Opening, probing and closing are single statements, so every instance agrees on one answer.

export interface BreakerState {
  openedAt: Date;
  lastProbeAt: Date | null;
}

export async function getBreaker(db: Db, provider: string): Promise<BreakerState | undefined> {
  const [row] = await db
    .select({ openedAt: creditBreakers.openedAt, lastProbeAt: creditBreakers.lastProbeAt })
    .from(creditBreakers)
    .where(eq(creditBreakers.provider, provider));
  return row;
}

/** The open breakers among these providers, in one read. */
export function listOpenBreakers(
  db: Db,
  providers: readonly string[],
): Promise<(BreakerState & { provider: string })[]> {
  return db
    .select({
      provider: creditBreakers.provider,
      openedAt: creditBreakers.openedAt,
      lastProbeAt: creditBreakers.lastProbeAt,
    })
    .from(creditBreakers)
    .where(inArray(creditBreakers.provider, [...providers]));
}

/** True when this call opened it (the first out-of-credits answer); later ones change nothing. */
export async function openBreaker(db: Db, provider: string): Promise<boolean> {
  const rows = await db
    .insert(creditBreakers)
    .values({ provider })
    .onConflictDoNothing()
    .returning({ provider: creditBreakers.provider });
  return rows.length > 0;
}

/** True when it was open. */
export async function closeBreaker(db: Db, provider: string): Promise<boolean> {
  const rows = await db
    .delete(creditBreakers)
    .where(eq(creditBreakers.provider, provider))
    .returning({ provider: creditBreakers.provider });
  return rows.length > 0;
}

/**
 * Lets one submission through as a probe once `cooldownMs` has passed since the breaker opened or
 * since the last probe; every instance racing for it sees one winner.
 */
export async function claimBreakerProbe(
  db: Db,
  { provider, cooldownMs }: { provider: string; cooldownMs: number },
): Promise<boolean> {
  const rows = await db
    .update(creditBreakers)
    .set({ lastProbeAt: sql`now()` })
    .where(
      and(
        eq(creditBreakers.provider, provider),
        sql`coalesce(${creditBreakers.lastProbeAt}, ${creditBreakers.openedAt}) <= now() - ${Math.round(cooldownMs)} * interval '1 millisecond'`,
      ),
    )
    .returning({ provider: creditBreakers.provider });
  return rows.length > 0;
}
