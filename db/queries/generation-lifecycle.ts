import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
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

/** Claims the right to ask the upstream; false when someone asked less than `staleAfterMs` ago. */
export function claimStatusCheck(
  db: Db,
  { id, staleAfterMs }: { id: string; staleAfterMs: number },
): Promise<Generation | undefined> {
  return first(
    db
      .update(generations)
      .set({ lastCheckedAt: sql`now()` })
      .where(
        and(
          eq(generations.id, id),
          eq(generations.status, "running"),
          or(isNull(generations.lastCheckedAt), olderThan(generations.lastCheckedAt, staleAfterMs)),
        ),
      )
      .returning(),
  );
}

export async function recordProgress(
  db: Db,
  { id, upstreamStatus, progress }: { id: string; upstreamStatus: string; progress: number | null },
): Promise<void> {
  await db
    .update(generations)
    .set({ upstreamStatus, progress, statusMisses: 0 })
    .where(and(eq(generations.id, id), eq(generations.status, "running")));
}

export async function recordStatusMiss(db: Db, id: string): Promise<number> {
  const row = await first(
    db
      .update(generations)
      .set({ statusMisses: sql`${generations.statusMisses} + 1` })
      .where(and(eq(generations.id, id), eq(generations.status, "running")))
      .returning({ misses: generations.statusMisses }),
  );
  return row?.misses ?? 0;
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

/** Gives a failed download back so that the next check may try again. */
export async function releaseIngest(db: Db, { id, claimId }: { id: string; claimId: string }): Promise<void> {
  await db
    .update(generations)
    .set({ ingestClaimId: null, ingestClaimedAt: null })
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
      ),
    )
    .orderBy(generations.lastCheckedAt)
    .limit(limit);
}

/**
 * Settles work that can no longer finish by itself: a create that never reported back (the process
 * died mid-request) becomes "unknown", and anything unfinished past the deadline is timed out.
 */
export async function expireAbandonedGenerations(
  db: Db,
  { pendingForMs, deadlineMs }: { pendingForMs: number; deadlineMs: number },
): Promise<{ unknown: number; timedOut: number }> {
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
      and(inArray(generations.status, ["running", "unknown"]), olderThan(generations.createdAt, deadlineMs)),
    )
    .returning({ id: generations.id });
  return { unknown: unknown.length, timedOut: timedOut.length };
}
