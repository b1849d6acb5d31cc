import { asc, sql } from "drizzle-orm";
import type { Db } from "../client";
import { type ProviderHealth, providerHealth } from "../schema";

// One row per upstream host: its last success, its last failure and how many failures in a row.
// Each outcome is a single upsert whose arithmetic runs in the database, so concurrent outcomes
// from any number of instances are all counted.

export async function recordProviderSuccess(db: Db, provider: string): Promise<void> {
  await db
    .insert(providerHealth)
    .values({ provider, lastSuccessAt: sql`now()`, updatedAt: sql`now()` })
    .onConflictDoUpdate({
      target: providerHealth.provider,
      set: {
        lastSuccessAt: sql`now()`,
        consecutiveFailures: 0,
        failingSince: null,
        updatedAt: sql`now()`,
      },
    });
}

export async function recordProviderFailure(
  db: Db,
  provider: string,
  { code, message }: { code: string; message: string },
): Promise<void> {
  await db
    .insert(providerHealth)
    .values({
      provider,
      lastFailureAt: sql`now()`,
      lastErrorCode: code,
      lastErrorMessage: message,
      consecutiveFailures: 1,
      failingSince: sql`now()`,
      updatedAt: sql`now()`,
    })
    .onConflictDoUpdate({
      target: providerHealth.provider,
      set: {
        lastFailureAt: sql`now()`,
        lastErrorCode: code,
        lastErrorMessage: message,
        consecutiveFailures: sql`${providerHealth.consecutiveFailures} + 1`,
        failingSince: sql`coalesce(${providerHealth.failingSince}, now())`,
        updatedAt: sql`now()`,
      },
    });
}

export async function listProviderHealth(db: Db): Promise<ProviderHealth[]> {
  return db.select().from(providerHealth).orderBy(asc(providerHealth.provider));
}
