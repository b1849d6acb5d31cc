import { and, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { ProviderId } from "@/lib/providers/types";
import type { Db } from "../client";
import { type Generation, generations } from "../schema";
import { olderThan } from "./older-than";
import { releaseHold } from "./usage";

const inMs = (ms: number) => sql`now() + ${Math.max(0, Math.round(ms))} * interval '1 millisecond'`;
const isDue = or(isNull(generations.nextCheckAt), sql`${generations.nextCheckAt} <= now()`);
const isStale = (ms: number) =>
  or(isNull(generations.lastCheckedAt), olderThan(generations.lastCheckedAt, ms));

// What picks work up again after a crash, and what a callback may settle: creates that were never
// sent, sends that never answered, claims left by a dead process, and task ids named by callbacks.

export const NOT_SENT_MESSAGE =
  "This request was never sent to Seedream (the server stopped before sending it), so nothing was charged. Retry to send it.";
export const SEND_INTERRUPTED_MESSAGE =
  "The server stopped while sending this request, so we cannot tell whether Seedream received it. It was not sent again (that could charge twice); it settles by itself if Seedream reports back.";
export const UNDOWNLOADED_MESSAGE =
  "The image was made but could not be saved (the result could not be downloaded). Retry to make it again.";

const neverSent = and(eq(generations.status, "pending"), isNull(generations.submitStartedAt));
const sendUnderWay = and(eq(generations.status, "pending"), isNotNull(generations.submitStartedAt));
/** A create we sent without learning its task id: only a confirmed callback can bind one. */
const awaitsTaskId = and(
  or(eq(generations.status, "unknown"), sendUnderWay),
  isNull(generations.upstreamTaskId),
);

/** Creates recorded more than `olderThanMs` ago that nobody ever claimed for sending: safe to send. */
export function listUnsentCreates(
  db: Db,
  {
    olderThanMs,
    limit,
    providers,
  }: { olderThanMs: number; limit: number; providers?: readonly ProviderId[] },
): Promise<Pick<Generation, "id">[]> {
  return db
    .select({ id: generations.id })
    .from(generations)
    .where(
      and(
        neverSent,
        // A row that follows a lead is sent with it, never on its own.
        isNull(generations.leadId),
        olderThan(generations.createdAt, olderThanMs),
        providers ? inArray(generations.provider, [...providers]) : undefined,
      ),
    )
    .orderBy(generations.createdAt)
    .limit(limit);
}

/**
 * Releases, at start-up, every claim the instance's previous process held when it died. A send it
 * had claimed may have reached the upstream, so it becomes unknown (never resent); a status check
 * or a download is simply free to be taken again.
 */
export async function releaseClaimsOf(db: Db, owner: string): Promise<{ sends: number; others: number }> {
  const sends = await db
    .update(generations)
    .set({
      status: "unknown",
      errorCode: "outcome_unknown",
      errorMessage: SEND_INTERRUPTED_MESSAGE,
      claimedBy: null,
    })
    .where(and(eq(generations.claimedBy, owner), sendUnderWay))
    .returning({ id: generations.id });
  const others = await db
    .update(generations)
    .set({ ingestClaimId: null, ingestClaimedAt: null, nextCheckAt: null, claimedBy: null })
    .where(eq(generations.claimedBy, owner))
    .returning({ id: generations.id });
  return { sends: sends.length, others: others.length };
}

/**
 * Settles work that can no longer finish by itself: a send that never answered within
 * `pendingForMs` (its process died; another instance's leftovers are only known by age) becomes
 * unknown, a create nobody sent within `unsentForMs` fails as not sent, and a finished image still
 * not downloaded past `downloadDeadlineMs` is given up. Nothing here times out a task: only a
 * status check that finds it unfinished may (lib/generations/refresh.ts).
 */
export async function expireAbandonedGenerations(
  db: Db,
  {
    pendingForMs,
    unsentForMs,
    downloadDeadlineMs,
  }: {
    /** Per host: a synchronous host's send legitimately lasts minutes. */
    pendingForMs: Record<ProviderId, number>;
    unsentForMs: number;
    downloadDeadlineMs: number;
  },
): Promise<{ unknown: number; notSent: number; undownloaded: number }> {
  const sendOverdue = or(
    ...Object.entries(pendingForMs).map(([provider, ms]) =>
      and(eq(generations.provider, provider as ProviderId), olderThan(generations.submitStartedAt, ms)),
    ),
  );
  const unknown = await db
    .update(generations)
    .set({
      status: "unknown",
      errorCode: "outcome_unknown",
      errorMessage:
        "We could not confirm that the upstream received this request, so it was not sent again (that could charge twice).",
      claimedBy: null,
    })
    .where(and(sendUnderWay, sendOverdue))
    .returning({ id: generations.id });
  // Nothing was sent, so nothing was charged: each hold is given back in the same transaction.
  const notSent = await db.transaction(async (tx) => {
    const rows = await tx
      .update(generations)
      .set({
        status: "failed",
        errorCode: "not_sent",
        errorMessage: NOT_SENT_MESSAGE,
        completedAt: sql`now()`,
      })
      .where(and(neverSent, olderThan(generations.createdAt, unsentForMs)))
      .returning({ id: generations.id });
    for (const row of rows) await releaseHold(tx, row.id);
    return rows;
  });
  const undownloaded = await db
    .update(generations)
    .set({
      status: "failed",
      errorCode: "ingest_failed",
      errorMessage: UNDOWNLOADED_MESSAGE,
      completedAt: sql`now()`,
      claimedBy: null,
    })
    .where(
      and(
        eq(generations.status, "running"),
        isNotNull(generations.resultUrl),
        olderThan(generations.createdAt, downloadDeadlineMs),
      ),
    )
    .returning({ id: generations.id });
  return { unknown: unknown.length, notSent: notSent.length, undownloaded: undownloaded.length };
}

/** Keeps the task id a callback named for a create that awaits one; a later one replaces it. */
export function noteCallbackTask(
  db: Db,
  { id, taskId }: { id: string; taskId: string },
): Promise<Generation | undefined> {
  return db
    .update(generations)
    .set({ callbackTaskId: taskId })
    .where(and(eq(generations.id, id), awaitsTaskId))
    .returning()
    .then((rows) => rows[0]);
}

/**
 * The right to ask the upstream about the task id a callback named. Settled here, like every
 * status check, so that a flood of callbacks costs one upstream call per `staleAfterMs`.
 */
export function claimCallbackCheck(
  db: Db,
  { id, staleAfterMs, leaseMs }: { id: string; staleAfterMs: number; leaseMs: number },
): Promise<Generation | undefined> {
  return db
    .update(generations)
    .set({ lastCheckedAt: sql`now()`, nextCheckAt: inMs(leaseMs) })
    .where(
      and(
        eq(generations.id, id),
        awaitsTaskId,
        isNotNull(generations.callbackTaskId),
        isStale(staleAfterMs),
        isDue,
      ),
    )
    .returning()
    .then((rows) => rows[0]);
}

/** The upstream could not say (yet): the named task is asked about again after `retryInMs`. */
export async function deferCallbackCheck(
  db: Db,
  { id, retryInMs }: { id: string; retryInMs: number },
): Promise<void> {
  await db
    .update(generations)
    .set({ nextCheckAt: inMs(retryInMs), statusFailures: sql`${generations.statusFailures} + 1` })
    .where(and(eq(generations.id, id), awaitsTaskId));
}

/** The upstream does not know the named task, or says it is not ours: the hint is dropped. */
export async function dropCallbackTask(
  db: Db,
  { id, taskId }: { id: string; taskId: string },
): Promise<void> {
  await db
    .update(generations)
    .set({ callbackTaskId: null, nextCheckAt: null })
    .where(and(eq(generations.id, id), eq(generations.callbackTaskId, taskId)));
}

/**
 * Binds a task the upstream confirmed as this generation's. One task, one generation: the lock on
 * the task id serialises binders, and a task some generation already holds is never bound again.
 */
export async function bindConfirmedTask(
  db: Db,
  { id, taskId, upstreamStatus }: { id: string; taskId: string; upstreamStatus: string },
): Promise<Generation | undefined> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`seedream-task:${taskId}`}))`);
    const [bound] = await tx
      .update(generations)
      .set({
        status: "running",
        upstreamTaskId: taskId,
        upstreamStatus,
        callbackTaskId: null,
        submittedAt: sql`now()`,
        errorCode: null,
        errorMessage: null,
        nextCheckAt: null,
        statusFailures: 0,
        claimedBy: null,
      })
      .where(
        and(
          eq(generations.id, id),
          awaitsTaskId,
          sql`not exists (select 1 from ${generations} as other where other.upstream_task_id = ${taskId})`,
        ),
      )
      .returning();
    return bound;
  });
}

/** Creates with a callback's task id still to confirm, whose last try is `uncheckedForMs` old. */
export function listCallbackTasksToConfirm(
  db: Db,
  { uncheckedForMs, limit }: { uncheckedForMs: number; limit: number },
): Promise<Generation[]> {
  return db
    .select()
    .from(generations)
    .where(and(awaitsTaskId, isNotNull(generations.callbackTaskId), isStale(uncheckedForMs), isDue))
    .orderBy(generations.lastCheckedAt)
    .limit(limit);
}
