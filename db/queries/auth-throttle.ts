import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { authThrottle } from "../schema";

export interface ThrottlePolicy {
  /** Failures within the window after which attempts must wait. */
  freeFailures: number;
  windowMs: number;
  /** The first wait; each further failure doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Counts one failure for `key` in a single upsert: concurrent failures on any number of instances
 * are each counted once, because PostgreSQL serialises the conflicting row. A window that has run
 * out starts again at one.
 */
export async function recordThrottleFailure(
  db: Db,
  key: string,
  policy: ThrottlePolicy,
): Promise<Date | null> {
  const windowSeconds = policy.windowMs / 1000;
  const failures = sql`case when ${authThrottle.windowStartedAt} < now() - make_interval(secs => ${windowSeconds})
      then 1 else ${authThrottle.failures} + 1 end`;
  const [row] = await db
    .insert(authThrottle)
    .values({ key, failures: 1, windowStartedAt: sql`now()` })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        windowStartedAt: sql`case when ${authThrottle.windowStartedAt} < now() - make_interval(secs => ${windowSeconds})
          then now() else ${authThrottle.windowStartedAt} end`,
        failures,
        blockedUntil: sql`case when ${failures} >= ${policy.freeFailures}
          then now() + make_interval(secs => least(${policy.maxDelayMs / 1000},
            ${policy.baseDelayMs / 1000} * power(2, ${failures} - ${policy.freeFailures})))
          else null end`,
      },
    })
    .returning({ blockedUntil: authThrottle.blockedUntil });
  return row?.blockedUntil ?? null;
}

/** The latest moment any of `keys` is blocked until, or null when none is blocked now. */
export async function getThrottleBlock(db: Db, keys: readonly string[]): Promise<Date | null> {
  if (keys.length === 0) return null;
  const rows = await db
    .select({ blockedUntil: authThrottle.blockedUntil })
    .from(authThrottle)
    .where(inArray(authThrottle.key, [...keys]));
  const now = Date.now();
  const until = rows
    .map((row) => row.blockedUntil?.getTime() ?? 0)
    .filter((time) => time > now)
    .sort((a, b) => b - a)[0];
  return until ? new Date(until) : null;
}

export async function getThrottleFailures(db: Db, key: string): Promise<number> {
  const [row] = await db
    .select({ failures: authThrottle.failures })
    .from(authThrottle)
    .where(eq(authThrottle.key, key));
  return row?.failures ?? 0;
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.delete(authThrottle).where(eq(authThrottle.key, key));
}
