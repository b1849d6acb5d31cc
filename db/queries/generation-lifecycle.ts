import { and, eq, inArray, isNotNull, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { settlementOf } from "@/lib/billing/settlement";
import type { Db } from "../client";
import { type Generation, type GenerationStatus, generations, media, type NewMedia } from "../schema";
import { olderThan } from "./older-than";
import { chargeHold, releaseHold } from "./usage";

// Every transition below is one conditional UPDATE: when two pollers, a webhook and the sweep (or
// two app instances) race, the database lets exactly one of them win and the others see no row.
// A transition that decides what the upstream charged settles the hold in the same transaction.
// A claim records its holder in claimed_by (an instance id); whatever ends the claim clears it.

async function first<T>(rows: Promise<T[]>): Promise<T | undefined> {
  return (await rows)[0];
}

const inMs = (ms: number): SQL => sql`now() + ${Math.max(0, Math.round(ms))} * interval '1 millisecond'`;
const isDue = or(isNull(generations.nextCheckAt), lte(generations.nextCheckAt, sql`now()`));
const isStale = (staleAfterMs: number) =>
  or(isNull(generations.lastCheckedAt), olderThan(generations.lastCheckedAt, staleAfterMs));

/** A download claim older than this belongs to a process that died mid-download (60 s timeout, twice). */
export const INGEST_CLAIM_TTL_MS = 2 * 60_000;
const noLiveIngestClaim = or(
  isNull(generations.ingestClaimedAt),
  olderThan(generations.ingestClaimedAt, INGEST_CLAIM_TTL_MS),
);

/** States whose task the upstream may still finish: checked, and downloaded when it succeeds. */
const CHECKABLE: GenerationStatus[] = ["running", "timed_out"];

/**
 * Only one caller may send the create request for a generation. On a host that makes a batch in
 * one submission, the rows that follow it (lead_id) are claimed with it: the lead first, then in
 * batch order. None when the lead was claimed already. Each row claimed gets its place in the
 * submission (submission_index): the host is asked for as many images as rows were claimed, and
 * answers them in that order, whichever variations were deleted before.
 */
export function claimSubmission(db: Db, id: string, owner: string): Promise<Generation[]> {
  const unclaimed = and(eq(generations.status, "pending"), isNull(generations.submitStartedAt));
  const claim = { submitStartedAt: sql`now()`, claimedBy: owner };
  // The lead first: its followers are only ever claimed with it, never left claimed without it.
  return db.transaction(async (tx) => {
    const [lead] = await tx
      .update(generations)
      .set({ ...claim, submissionIndex: 0 })
      .where(and(eq(generations.id, id), unclaimed))
      .returning();
    if (!lead) return [];
    const claimed = await tx
      .update(generations)
      .set(claim)
      .where(and(eq(generations.leadId, id), unclaimed))
      .returning({ id: generations.id, batchIndex: generations.batchIndex });
    if (claimed.length === 0) return [lead];
    claimed.sort((a, b) => a.batchIndex - b.batchIndex);
    const places = claimed.map((row, index) => sql`when ${row.id}::uuid then ${index + 1}::int`);
    const followers = await tx
      .update(generations)
      .set({ submissionIndex: sql`case ${generations.id} ${sql.join(places, sql` `)} end` })
      .where(
        inArray(
          generations.id,
          claimed.map((row) => row.id),
        ),
      )
      .returning();
    return [lead, ...followers.sort((a, b) => a.batchIndex - b.batchIndex)];
  });
}

/** The host took the create: every row of the submission runs under its task id. */
export function markSubmitted(
  db: Db,
  { ids, taskId, upstreamStatus }: { ids: readonly string[]; taskId: string; upstreamStatus: string | null },
): Promise<Generation[]> {
  return db
    .update(generations)
    .set({
      status: "running",
      upstreamTaskId: taskId,
      upstreamStatus,
      submittedAt: sql`now()`,
      errorCode: null,
      errorMessage: null,
      claimedBy: null,
    })
    .where(
      and(
        inArray(generations.id, [...ids]),
        inArray(generations.status, ["pending", "unknown"]),
        isNull(generations.upstreamTaskId),
      ),
    )
    .returning();
}

/**
 * A synchronous host answered with this row's image: it runs under the answer's id with the result
 * URL already known, so what is left is only our download (no status check ever asks).
 */
export function markAnswered(
  db: Db,
  { id, taskId, resultUrl }: { id: string; taskId: string; resultUrl: string },
): Promise<Generation | undefined> {
  return first(
    db
      .update(generations)
      .set({
        status: "running",
        upstreamTaskId: taskId,
        upstreamStatus: "succeeded",
        resultUrl,
        submittedAt: sql`now()`,
        errorCode: null,
        errorMessage: null,
        claimedBy: null,
      })
      .where(
        and(
          eq(generations.id, id),
          // "unknown": a sweep gave up on a send that was only slow; the answer settles it.
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
    status: "failed" | "unknown";
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
          claimedBy: null,
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
 * Stops waiting for a task the upstream has not finished. Never for one it has: a row that holds a
 * result URL is only waiting for our download.
 */
export function markTimedOut(db: Db, { id, message }: { id: string; message: string }): Promise<unknown> {
  return db
    .update(generations)
    .set({
      status: "timed_out",
      errorCode: "timed_out",
      errorMessage: message,
      completedAt: sql`now()`,
      nextCheckAt: null,
      claimedBy: null,
    })
    .where(and(eq(generations.id, id), eq(generations.status, "running"), isNull(generations.resultUrl)));
}

/**
 * Claims the next step of a generation whose task may still finish (a status check, or another
 * try at its download): none when someone took one less than `staleAfterMs` ago, a back-off has
 * not run out, or a download is under way. The claim also holds everyone else off for `leaseMs`,
 * so a slow upstream is never asked twice at once.
 */
export function claimStatusCheck(
  db: Db,
  { id, owner, staleAfterMs, leaseMs }: { id: string; owner: string; staleAfterMs: number; leaseMs: number },
): Promise<Generation | undefined> {
  return first(
    db
      .update(generations)
      .set({ lastCheckedAt: sql`now()`, nextCheckAt: inMs(leaseMs), claimedBy: owner })
      .where(
        and(
          eq(generations.id, id),
          inArray(generations.status, CHECKABLE),
          isNotNull(generations.upstreamTaskId),
          isStale(staleAfterMs),
          isDue,
          noLiveIngestClaim,
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
      claimedBy: null,
    })
    .where(and(eq(generations.id, id), inArray(generations.status, CHECKABLE)));
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
        claimedBy: null,
      })
      .where(and(eq(generations.id, id), inArray(generations.status, CHECKABLE)))
      .returning({ failures: generations.statusFailures, misses: generations.statusMisses }),
  );
  return row ?? { failures: 0, misses: 0 };
}

/**
 * The right to download a finished result; a claim older than `claimTtlMs` is presumed dead. A
 * task that succeeded after we stopped waiting (timed out) goes back to running: it is still ours.
 * The first claim is where we learn that the upstream succeeded, so it turns the hold into a charge.
 */
export function claimIngest(
  db: Db,
  {
    id,
    owner,
    resultUrl,
    claimId,
    claimTtlMs,
  }: { id: string; owner: string; resultUrl: string; claimId: string; claimTtlMs: number },
): Promise<Generation | undefined> {
  return db.transaction(async (tx) => {
    const claimed = await first(
      tx
        .update(generations)
        .set({
          status: "running",
          errorCode: null,
          errorMessage: null,
          completedAt: null,
          ingestClaimId: claimId,
          ingestClaimedAt: sql`now()`,
          ingestAttempts: sql`${generations.ingestAttempts} + 1`,
          claimedBy: owner,
          resultUrl,
          upstreamStatus: "completed",
          progress: 100,
          statusFailures: 0,
          statusFailingSince: null,
        })
        .where(
          and(
            eq(generations.id, id),
            inArray(generations.status, CHECKABLE),
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
        .set({
          status: "succeeded",
          resultMediaId: stored.id,
          completedAt: sql`now()`,
          progress: 100,
          claimedBy: null,
        })
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
    .set({ ingestClaimId: null, ingestClaimedAt: null, nextCheckAt: inMs(retryInMs), claimedBy: null })
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
        isStale(uncheckedForMs),
        // Rows waiting out a back-off would only fill the batch with claims that must fail.
        isDue,
      ),
    )
    .orderBy(generations.lastCheckedAt)
    .limit(limit);
}

/**
 * Timed-out tasks younger than `horizonMs` and not asked about for `uncheckedForMs`: the upstream
 * may have finished them late, and a late image is still the person's (and still paid for).
 */
export async function listLateChecks(
  db: Db,
  { uncheckedForMs, horizonMs, limit }: { uncheckedForMs: number; horizonMs: number; limit: number },
): Promise<Generation[]> {
  return db
    .select()
    .from(generations)
    .where(
      and(
        eq(generations.status, "timed_out"),
        isNotNull(generations.upstreamTaskId),
        sql`${generations.createdAt} > now() - ${horizonMs} * interval '1 millisecond'`,
        isStale(uncheckedForMs),
        isDue,
      ),
    )
    .orderBy(generations.lastCheckedAt)
    .limit(limit);
}

/** A running task's check pace by age: `afterMs` since the last check while younger than `belowAgeMs`. */
export interface CheckPace {
  steps: readonly { belowAgeMs: number; afterMs: number }[];
  lastAfterMs: number;
}

const NEVER = sql`'-infinity'::timestamptz`;

/**
 * When a running task is next due for a check (or another try at its download): its pace since the
 * last check (or since it was sent), and never before a back-off, lease or live download ends.
 */
function dueAt({ steps, lastAfterMs }: CheckPace): SQL {
  const pace = sql.join(
    steps.map(
      (step) =>
        sql`when ${generations.createdAt} > now() - ${step.belowAgeMs}::integer * interval '1 millisecond' then ${step.afterMs}::integer`,
    ),
    sql` `,
  );
  return sql`greatest(
    coalesce(${generations.nextCheckAt}, ${NEVER}),
    coalesce(${generations.ingestClaimedAt} + ${INGEST_CLAIM_TTL_MS}::integer * interval '1 millisecond', ${NEVER}),
    coalesce(${generations.lastCheckedAt}, ${generations.submittedAt}, ${generations.createdAt})
      + (case ${pace} else ${lastAfterMs}::integer end) * interval '1 millisecond'
  )`;
}

/**
 * The running tasks due for a check now (at most `limit`, most overdue first), and how long until
 * the next one is due when none is (null: no running task). What the worker claims, one by one.
 */
export async function listDueStatusChecks(
  db: Db,
  { pace, limit }: { pace: CheckPace; limit: number },
): Promise<{
  due: Pick<Generation, "id" | "status" | "upstreamTaskId" | "createdAt">[];
  nextInMs: number | null;
}> {
  const due = dueAt(pace);
  const rows = await db
    .select({
      id: generations.id,
      status: generations.status,
      upstreamTaskId: generations.upstreamTaskId,
      createdAt: generations.createdAt,
      waitMs: sql<number>`greatest(0, extract(epoch from (${due} - now())) * 1000)::float8`,
    })
    .from(generations)
    .where(and(eq(generations.status, "running"), isNotNull(generations.upstreamTaskId)))
    .orderBy(due)
    .limit(limit);
  const ready = rows.filter((row) => Number(row.waitMs) === 0);
  const next = rows.find((row) => Number(row.waitMs) > 0);
  return {
    due: ready.map(({ waitMs: _wait, ...row }) => row),
    nextInMs: ready.length > 0 ? 0 : next ? Number(next.waitMs) : null,
  };
}
