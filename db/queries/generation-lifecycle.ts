import { and, eq, inArray, isNotNull, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { settlementOf } from "@/lib/billing/settlement";
import type { Db } from "../client";
import { type Generation, type GenerationStatus, generations, media, type NewMedia } from "../schema";
import { olderThan } from "./older-than";
import { chargeHold, releaseHold } from "./usage";

// Every transition below is one conditional UPDATE: when two pollers, a webhook and the sweep (or
// two app instances) race, the database lets exactly one of them win and the others see no row.
// A transition that decides what the upstream charged settles the hold in the same transaction.

async function first<T>(rows: Promise<T[]>): Promise<T | undefined> {
  return (await rows)[0];
}

const inMs = (ms: number): SQL => sql`now() + ${Math.max(0, Math.round(ms))} * interval '1 millisecond'`;
const isDue = or(isNull(generations.nextCheckAt), lte(generations.nextCheckAt, sql`now()`));

/** Only one caller may send the create request for a generation. */
export function claimSubmission(db: Db, id: string): Promise<Generation | undefined> {
  return first(
    db
      .update(generations)
      .set({ submitStartedAt: sql`now()` })
      .where(
        and(eq(generations.id, id), eq(generations.status, "pending"), isNull(generations.submitStartedAt)),
      )
      .returning(),
  );
}

export function markSubmitted(
  db: Db,
  { id, taskId, upstreamStatus }: { id: string; taskId: string; upstreamStatus: string | null },
): Promise<Generation | undefined> {
  return first(
    db
      .update(generations)
      .set({
        status: "running",
        upstreamTaskId: taskId,
        upstreamStatus,
        submittedAt: sql`now()`,
        errorCode: null,
        errorMessage: null,
      })
      .where(
        and(
          eq(generations.id, id),
          inArray(generations.status, ["pending", "unknown"]),
          isNull(generations.upstreamTaskId),
        ),
      )
      .returning(),
  );
}

/** Ends (or, for "unknown", suspends) a generation; its hold is settled as `settlementOf` says. */
export function markFinished(
  db: Db,
  {
    id,
    from,
    status,
    errorCode,
    errorMessage,
  }: {
    id: string;
    from: GenerationStatus[];
    status: "failed" | "timed_out" | "unknown";
    errorCode: string;
    errorMessage: string;
  },
): Promise<Generation | undefined> {
  return db.transaction(async (tx) => {
    const finished = await first(
      tx
        .update(generations)
        .set({
          status,
          errorCode,
          errorMessage,
          completedAt: status === "unknown" ? null : sql`now()`,
        })
        .where(and(eq(generations.id, id), inArray(generations.status, from)))
        .returning(),
    );
    if (!finished) return undefined;
    const settlement = settlementOf(finished);
    if (settlement === "release") await releaseHold(tx, id);
    if (settlement === "charge") await chargeHold(tx, id);
    return finished;
  });
}

/**
 * Claims the next step of a running generation (a status check, or another try at its download):
 * none when someone took one less than `staleAfterMs` ago or a back-off has not run out. The
 * claim also holds everyone else off for `leaseMs`, so a slow upstream is never asked twice at once.
 */
export function claimStatusCheck(
  db: Db,
  { id, staleAfterMs, leaseMs }: { id: string; staleAfterMs: number; leaseMs: number },
): Promise<Generation | undefined> {
  return first(
    db
      .update(generations)
      .set({ lastCheckedAt: sql`now()`, nextCheckAt: inMs(leaseMs) })
      .where(
        and(
          eq(generations.id, id),
          eq(generations.status, "running"),
          or(isNull(generations.lastCheckedAt), olderThan(generations.lastCheckedAt, staleAfterMs)),
          isDue,
        ),
      )
      .returning(),
  );
}

/** The upstream answered: any trouble is over and the next check follows the normal pace. */
export async function recordProgress(
  db: Db,
  { id, upstreamStatus, progress }: { id: string; upstreamStatus: string; progress: number | null },
): Promise<void> {
  await db
    .update(generations)
    .set({
      upstreamStatus,
      progress,
      statusMisses: 0,
      statusFailures: 0,
      statusFailingSince: null,
      nextCheckAt: null,
    })
    .where(and(eq(generations.id, id), eq(generations.status, "running")));
}

/**
 * A status check that failed: counted (a "not found" also as a miss, of which a few in a row mean
 * the task is lost), dated from the first failure in a row, and no check again for `retryInMs`.
 */
export async function recordStatusFailure(
  db: Db,
  { id, retryInMs, notFound }: { id: string; retryInMs: number; notFound: boolean },
): Promise<{ failures: number; misses: number }> {
  const row = await first(
    db
      .update(generations)
      .set({
        statusFailures: sql`${generations.statusFailures} + 1`,
        statusFailingSince: sql`coalesce(${generations.statusFailingSince}, now())`,
        statusMisses: notFound ? sql`${generations.statusMisses} + 1` : generations.statusMisses,
        nextCheckAt: inMs(retryInMs),
      })
      .where(and(eq(generations.id, id), eq(generations.status, "running")))
      .returning({ failures: generations.statusFailures, misses: generations.statusMisses }),
  );
  return row ?? { failures: 0, misses: 0 };
}

/**
 * The right to download a finished result; a claim older than `claimTtlMs` is presumed dead. The
 * first claim is where we learn that the upstream succeeded, so it turns the hold into a charge.
 */
export function claimIngest(
  db: Db,
  {
    id,
    resultUrl,
    claimId,
    claimTtlMs,
  }: { id: string; resultUrl: string; claimId: string; claimTtlMs: number },
): Promise<Generation | undefined> {
  return db.transaction(async (tx) => {
    const claimed = await first(
      tx
        .update(generations)
        .set({
          ingestClaimId: claimId,
          ingestClaimedAt: sql`now()`,
          ingestAttempts: sql`${generations.ingestAttempts} + 1`,
          resultUrl,
          upstreamStatus: "completed",
          progress: 100,
          statusFailures: 0,
          statusFailingSince: null,
        })
        .where(
          and(
            eq(generations.id, id),
            eq(generations.status, "running"),
            or(isNull(generations.ingestClaimedAt), olderThan(generations.ingestClaimedAt, claimTtlMs)),
          ),
        )
        .returning(),
    );
    if (claimed) await chargeHold(tx, id);
    return claimed;
  });
}

class LostIngestClaim extends Error {}

/** Records the stored image and finishes the generation, both or neither. */
export async function completeIngest(
  db: Db,
  { id, claimId, image }: { id: string; claimId: string; image: NewMedia },
): Promise<boolean> {
  try {
    await db.transaction(async (tx) => {
      const [stored] = await tx.insert(media).values(image).returning({ id: media.id });
      if (!stored) throw new Error("completeIngest: media insert returned no row");
      const [done] = await tx
        .update(generations)
        .set({ status: "succeeded", resultMediaId: stored.id, completedAt: sql`now()`, progress: 100 })
        .where(
          and(
            eq(generations.id, id),
            eq(generations.status, "running"),
            eq(generations.ingestClaimId, claimId),
          ),
        )
        .returning({ id: generations.id });
      // Someone else's claim replaced ours (we were presumed dead): their row wins, ours rolls back.
      if (!done) throw new LostIngestClaim();
    });
    return true;
  } catch (error) {
    if (error instanceof LostIngestClaim) return false;
    throw error;
  }
}

/** Gives a failed download back; nobody tries it again for `retryInMs`. */
export async function releaseIngest(
  db: Db,
  { id, claimId, retryInMs }: { id: string; claimId: string; retryInMs: number },
): Promise<void> {
  await db
    .update(generations)
    .set({ ingestClaimId: null, ingestClaimedAt: null, nextCheckAt: inMs(retryInMs) })
    .where(and(eq(generations.id, id), eq(generations.ingestClaimId, claimId)));
}

export async function listGenerationsToSweep(
  db: Db,
  { uncheckedForMs, limit }: { uncheckedForMs: number; limit: number },
): Promise<Generation[]> {
  return db
    .select()
    .from(generations)
    .where(
      and(
        eq(generations.status, "running"),
        or(isNull(generations.lastCheckedAt), olderThan(generations.lastCheckedAt, uncheckedForMs)),
        // Rows waiting out a back-off would only fill the batch with claims that must fail.
        isDue,
      ),
    )
    .orderBy(generations.lastCheckedAt)
    .limit(limit);
}

/**
 * Settles work that can no longer finish by itself: a create that never reported back (the process
 * died mid-request) becomes "unknown", anything the upstream has not finished past the deadline is
 * timed out, and a finished image still not downloaded past `downloadDeadlineMs` is given up.
 */
export async function expireAbandonedGenerations(
  db: Db,
  {
    pendingForMs,
    deadlineMs,
    downloadDeadlineMs,
  }: { pendingForMs: number; deadlineMs: number; downloadDeadlineMs: number },
): Promise<{ unknown: number; timedOut: number; undownloaded: number }> {
  const unknown = await db
    .update(generations)
    .set({
      status: "unknown",
      errorCode: "outcome_unknown",
      errorMessage:
        "We could not confirm that the upstream received this request, so it was not sent again (that could charge twice).",
    })
    .where(and(eq(generations.status, "pending"), olderThan(generations.createdAt, pendingForMs)))
    .returning({ id: generations.id });
  const timedOut = await db
    .update(generations)
    .set({
      status: "timed_out",
      errorCode: "timed_out",
      errorMessage: "The upstream did not finish this image within 15 minutes, so we stopped waiting for it.",
      completedAt: sql`now()`,
    })
    .where(
      and(
        inArray(generations.status, ["running", "unknown"]),
        olderThan(generations.createdAt, deadlineMs),
        // The upstream finished these; only our download is left, and it has a clock of its own.
        isNull(generations.resultUrl),
      ),
    )
    .returning({ id: generations.id });
  const undownloaded = await db
    .update(generations)
    .set({
      status: "failed",
      errorCode: "ingest_failed",
      errorMessage: UNDOWNLOADED_MESSAGE,
      completedAt: sql`now()`,
    })
    .where(
      and(
        eq(generations.status, "running"),
        isNotNull(generations.resultUrl),
        olderThan(generations.createdAt, downloadDeadlineMs),
      ),
    )
    .returning({ id: generations.id });
  return { unknown: unknown.length, timedOut: timedOut.length, undownloaded: undownloaded.length };
}

export const UNDOWNLOADED_MESSAGE =
  "The image was made but could not be saved (the result could not be downloaded). Retry to make it again.";
