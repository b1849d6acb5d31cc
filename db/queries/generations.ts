import { and, asc, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { storedFilesOf } from "@/lib/media/stored-files";
import type { Db } from "../client";
import {
  type Generation,
  generationSources,
  generations,
  type Media,
  media,
  type NewGeneration,
} from "../schema";
import { inCollection } from "./collections";
import { type Budget, placeHold } from "./usage";

export type GenerationWithMedia = Generation & { media: Media | null };

// What showing a generation and deciding on a status check need: about half the columns, none of
// the secrets (callback token, upstream URL). Status polls and history pages read only these.
const summaryColumns = {
  id: generations.id,
  userId: generations.userId,
  status: generations.status,
  mode: generations.mode,
  prompt: generations.prompt,
  aspectRatio: generations.aspectRatio,
  quality: generations.quality,
  costCredits: generations.costCredits,
  upstreamTaskId: generations.upstreamTaskId,
  upstreamStatus: generations.upstreamStatus,
  progress: generations.progress,
  errorCode: generations.errorCode,
  errorMessage: generations.errorMessage,
  createdAt: generations.createdAt,
  completedAt: generations.completedAt,
  lastCheckedAt: generations.lastCheckedAt,
  ingestClaimedAt: generations.ingestClaimedAt,
  ingestAttempts: generations.ingestAttempts,
  nextCheckAt: generations.nextCheckAt,
  statusFailingSince: generations.statusFailingSince,
  starred: generations.starred,
  provider: generations.provider,
  batchId: generations.batchId,
  batchIndex: generations.batchIndex,
  batchSize: generations.batchSize,
  media: { id: media.id, width: media.width, height: media.height, placeholder: media.placeholder },
};

export type GenerationSummary = Pick<Generation, Exclude<keyof typeof summaryColumns, "media">> & {
  media: Pick<Media, "id" | "width" | "height" | "placeholder"> | null;
};

/** A reference named in an edit is missing or belongs to someone else; which one is not said. */
export class UnavailableReferenceError extends Error {
  constructor() {
    super("A reference image is not available to this user.");
    this.name = "UnavailableReferenceError";
  }
}

/**
 * Records a generation with its hold and, for an edit, its references in order, in one
 * transaction. Every reference must be the user's own media, checked inside the transaction that
 * records it. The hold is placed only for a new row: the same idempotency key again returns the
 * generation it first made, untouched, and holds nothing more. Over a limit, nothing is recorded
 * (LimitReachedError).
 */
export async function insertGeneration(
  db: Db,
  values: Omit<NewGeneration, "billingState">,
  options: { sourceMediaIds?: readonly string[]; budget: Budget },
): Promise<{ generation: Generation; created: boolean }> {
  const { generations: rows, created } = await insertGenerations(db, [values], options);
  const [generation] = rows;
  if (!generation) throw new Error("insertGeneration: nothing recorded");
  return { generation, created };
}

/** An idempotency key already used for a different batch: nothing is recorded. */
export class IdempotencyConflictError extends Error {
  constructor() {
    super("The idempotency key was used for a different request.");
    this.name = "IdempotencyConflictError";
  }
}

/**
 * Records the images of one click (a batch: one row each, the same idempotency key, batch_index
 * 0…n-1) with a hold each, all or none. The same key again returns the rows it recorded.
 */
export async function insertGenerations(
  db: Db,
  rows: readonly Omit<NewGeneration, "billingState">[],
  { sourceMediaIds = [], budget }: { sourceMediaIds?: readonly string[]; budget: Budget },
): Promise<{ generations: Generation[]; created: boolean }> {
  const [lead] = rows;
  if (!lead) throw new Error("insertGenerations: no rows");
  return db.transaction(async (tx) => {
    if (sourceMediaIds.length > 0) {
      const owned = await tx
        .select({ id: media.id })
        .from(media)
        .where(and(eq(media.userId, lead.userId), inArray(media.id, [...sourceMediaIds])))
        // Holds the rows until commit, so a concurrent delete cannot slip between check and insert.
        .for("key share");
      if (new Set(owned.map((row) => row.id)).size !== new Set(sourceMediaIds).size) {
        throw new UnavailableReferenceError();
      }
    }
    const inserted = await tx
      .insert(generations)
      .values(rows.map((row) => ({ ...row, billingState: "held" as const })))
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) {
      const existing = await tx
        .select()
        .from(generations)
        .where(and(eq(generations.userId, lead.userId), eq(generations.idempotencyKey, lead.idempotencyKey)))
        .orderBy(asc(generations.batchIndex));
      if (existing.length === 0) throw new Error("insertGenerations: conflict without an existing row");
      return { generations: existing, created: false };
    }
    // A key is used by one click only, so either every row of it is new or none is.
    if (inserted.length !== rows.length) throw new IdempotencyConflictError();
    inserted.sort((a, b) => a.batchIndex - b.batchIndex);
    for (const row of inserted) {
      await placeHold(tx, { generationId: row.id, userId: row.userId, credits: row.costCredits, budget });
    }
    if (sourceMediaIds.length > 0) {
      await tx
        .insert(generationSources)
        .values(
          inserted.flatMap((row) =>
            sourceMediaIds.map((mediaId, position) => ({ generationId: row.id, position, mediaId })),
          ),
        );
    }
    return { generations: inserted, created: true };
  });
}

function withMedia(row: { generation: Generation; media: Media | null }): GenerationWithMedia {
  return { ...row.generation, media: row.media };
}

const generationForUserQueries = new WeakMap<Db, ReturnType<typeof prepareGenerationForUser>>();

function prepareGenerationForUser(db: Db) {
  return db
    .select(summaryColumns)
    .from(generations)
    .leftJoin(media, eq(media.id, generations.resultMediaId))
    .where(and(eq(generations.id, sql.placeholder("id")), eq(generations.userId, sql.placeholder("userId"))))
    .limit(1)
    .prepare("generation_for_user");
}

/**
 * Ownership is part of the lookup: another user's id reads as "not found". Prepared once per
 * database handle because every status poll runs it.
 */
export async function getGenerationForUser(
  db: Db,
  { id, userId }: { id: string; userId: string },
): Promise<GenerationSummary | undefined> {
  let query = generationForUserQueries.get(db);
  if (!query) {
    query = prepareGenerationForUser(db);
    generationForUserQueries.set(db, query);
  }
  const [row] = await query.execute({ id, userId });
  return row;
}

/** The user's generations among `ids`, as a status poll shows them; others' ids read as absent. */
export async function listGenerationSummariesForUser(
  db: Db,
  { userId, ids }: { userId: string; ids: readonly string[] },
): Promise<GenerationSummary[]> {
  if (ids.length === 0) return [];
  return db
    .select(summaryColumns)
    .from(generations)
    .leftJoin(media, eq(media.id, generations.resultMediaId))
    .where(and(eq(generations.userId, userId), inArray(generations.id, [...ids])));
}

/** The user's work that may still change by itself, newest first: what a reconnecting tab is sent. */
export async function listUnfinishedGenerationsForUser(
  db: Db,
  { userId, limit }: { userId: string; limit: number },
): Promise<GenerationSummary[]> {
  return db
    .select(summaryColumns)
    .from(generations)
    .leftJoin(media, eq(media.id, generations.resultMediaId))
    .where(
      and(eq(generations.userId, userId), inArray(generations.status, ["pending", "running", "unknown"])),
    )
    .orderBy(desc(generations.createdAt), desc(generations.id))
    .limit(limit);
}

export async function getGenerationById(db: Db, id: string): Promise<GenerationWithMedia | undefined> {
  const [row] = await db
    .select({ generation: generations, media })
    .from(generations)
    .leftJoin(media, eq(media.id, generations.resultMediaId))
    .where(eq(generations.id, id))
    .limit(1);
  return row && withMedia(row);
}

export async function getGenerationByCallbackToken(db: Db, token: string): Promise<Generation | undefined> {
  const [row] = await db.select().from(generations).where(eq(generations.callbackToken, token)).limit(1);
  return row;
}

/** The images of one batch, in batch order; another user's batch reads as empty. */
export function listBatchSiblings(
  db: Db,
  { userId, batchId }: { userId: string; batchId: string },
): Promise<GenerationSummary[]> {
  return db
    .select(summaryColumns)
    .from(generations)
    .leftJoin(media, eq(media.id, generations.resultMediaId))
    .where(and(eq(generations.userId, userId), eq(generations.batchId, batchId)))
    .orderBy(asc(generations.batchIndex));
}

/** The rows that follow a lead: the other images of its batch submission, in batch order. */
export function listSubmissionFollowers(db: Db, leadId: string): Promise<Generation[]> {
  return db
    .select()
    .from(generations)
    .where(eq(generations.leadId, leadId))
    .orderBy(asc(generations.batchIndex));
}

export interface HistoryCursor {
  createdAt: Date;
  id: string;
}

export interface HistoryFilters {
  /** Every word must appear in the prompt, case-insensitively. */
  q?: string;
  mode?: "generate" | "edit";
  status?: "done" | "running" | "failed";
  starred?: boolean;
  /** Leave out the failures their owner dismissed (the studio's recent list does). */
  hideDismissed?: boolean;
  /** Only images on this board of the same user's. */
  board?: string;
}

const statusGroups = {
  done: ["succeeded"],
  running: ["pending", "running"],
  failed: ["failed", "timed_out", "unknown"],
} as const;

// ILIKE behaves the same on PGlite and PostgreSQL; the words are matched literally.
const escapeLike = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterConditions({
  q,
  mode,
  status,
  starred,
  hideDismissed,
  board,
}: HistoryFilters): (SQL | undefined)[] {
  const words = (q ?? "").split(/\s+/).filter(Boolean).slice(0, 8);
  return [
    ...words.map((word) => ilike(generations.prompt, `%${escapeLike(word)}%`)),
    mode ? eq(generations.mode, mode) : undefined,
    status ? inArray(generations.status, [...statusGroups[status]]) : undefined,
    starred ? eq(generations.starred, true) : undefined,
    // A dismissed task whose outcome was still open (unknown, timed out) shows again if it succeeds.
    hideDismissed ? or(isNull(generations.dismissedAt), eq(generations.status, "succeeded")) : undefined,
    board ? inCollection(board) : undefined,
  ];
}

/**
 * Newest first, keyset-paged on (created_at, id) so a deep page costs what the first does: the
 * index on (user_id, created_at desc, id desc) is walked from the cursor, never counted through.
 */
export async function listGenerationsByUser(
  db: Db,
  {
    userId,
    limit,
    before,
    filters = {},
  }: { userId: string; limit: number; before?: HistoryCursor; filters?: HistoryFilters },
): Promise<{ items: GenerationSummary[]; hasMore: boolean }> {
  const rows = await db
    .select(summaryColumns)
    .from(generations)
    .leftJoin(media, eq(media.id, generations.resultMediaId))
    .where(
      and(
        eq(generations.userId, userId),
        // A row comparison, not an OR: PostgreSQL turns it into an index bound and starts reading
        // at the cursor, where an OR would read every newer row first and throw it away.
        before
          ? sql`(${generations.createdAt}, ${generations.id}) < (${before.createdAt.toISOString()}::timestamptz, ${before.id}::uuid)`
          : undefined,
        ...filterConditions(filters),
      ),
    )
    .orderBy(desc(generations.createdAt), desc(generations.id))
    .limit(limit + 1);
  return { items: rows.slice(0, limit), hasMore: rows.length > limit };
}

export async function getMediaForUser(
  db: Db,
  { id, userId }: { id: string; userId: string },
): Promise<Media | undefined> {
  const [row] = await db
    .select()
    .from(media)
    .where(and(eq(media.id, id), eq(media.userId, userId)))
    .limit(1);
  return row;
}

export async function setStarred(
  db: Db,
  { userId, id, starred }: { userId: string; id: string; starred: boolean },
): Promise<boolean> {
  const rows = await db
    .update(generations)
    .set({ starred })
    .where(and(eq(generations.id, id), eq(generations.userId, userId)))
    .returning({ id: generations.id });
  return rows.length > 0;
}

/**
 * Deletes the user's generations among `ids` with their result images, shares and source links,
 * in one transaction. Returns the storage keys whose files the caller removes once committed.
 * References the edits uploaded stay until the upload sweep finds them unused.
 */
export async function deleteGenerationsForUser(
  db: Db,
  { userId, ids }: { userId: string; ids: readonly string[] },
): Promise<{ deleted: string[]; storageKeys: string[] }> {
  if (ids.length === 0) return { deleted: [], storageKeys: [] };
  return db.transaction(async (tx) => {
    const gone = await tx
      .delete(generations)
      .where(and(eq(generations.userId, userId), inArray(generations.id, [...ids])))
      .returning({ id: generations.id, resultMediaId: generations.resultMediaId });
    const mediaIds = gone.flatMap((row) => (row.resultMediaId ? [row.resultMediaId] : []));
    const files =
      mediaIds.length === 0
        ? []
        : await tx
            .delete(media)
            .where(and(eq(media.userId, userId), inArray(media.id, mediaIds)))
            .returning({ storageKey: media.storageKey, thumbnailKey: media.thumbnailKey });
    return {
      deleted: gone.map((row) => row.id),
      storageKeys: files.flatMap(storedFilesOf),
    };
  });
}

export interface StoredResult {
  id: string;
  prompt: string;
  mode: "generate" | "edit";
  aspectRatio: string;
  quality: "basic" | "high";
  createdAt: Date;
  completedAt: Date | null;
  media: Pick<Media, "id" | "storageKey" | "contentType" | "width" | "height" | "bytes">;
}

/** The user's finished images among `ids`, newest first: what downloads and zips hold. */
export async function listResultsForUser(
  db: Db,
  { userId, ids }: { userId: string; ids: readonly string[] },
): Promise<StoredResult[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: generations.id,
      prompt: generations.prompt,
      mode: generations.mode,
      aspectRatio: generations.aspectRatio,
      quality: generations.quality,
      createdAt: generations.createdAt,
      completedAt: generations.completedAt,
      media: {
        id: media.id,
        storageKey: media.storageKey,
        contentType: media.contentType,
        width: media.width,
        height: media.height,
        bytes: media.bytes,
      },
    })
    .from(generations)
    .innerJoin(media, eq(media.id, generations.resultMediaId))
    .where(and(eq(generations.userId, userId), inArray(generations.id, [...ids])))
    .orderBy(desc(generations.createdAt), desc(generations.id));
}

/**
 * Puts a failure of the owner's away from the studio's recent list. Only a failed or unfinished
 * generation qualifies; false when there is no such generation of this user's.
 */
export async function dismissFailedGeneration(db: Db, { id, userId }: { id: string; userId: string }) {
  const rows = await db
    .update(generations)
    .set({ dismissedAt: sql`coalesce(${generations.dismissedAt}, now())` })
    .where(
      and(
        eq(generations.id, id),
        eq(generations.userId, userId),
        inArray(generations.status, [...statusGroups.failed]),
      ),
    )
    .returning({ id: generations.id });
  return rows.length > 0;
}

/**
 * The user's generations either side of `id` in the gallery's order (newest first): `newer` is
 * the one before it, `older` the one after. Nulls at the ends, and both null for an id that is
 * not the user's.
 */
export async function getAdjacentGenerationIds(
  db: Db,
  { userId, id }: { userId: string; id: string },
): Promise<{ newer: string | null; older: string | null }> {
  const here = sql`(select ${generations.createdAt}, ${generations.id} from ${generations} where ${generations.id} = ${id}::uuid and ${generations.userId} = ${userId}::uuid)`;
  const position = sql`(${generations.createdAt}, ${generations.id})`;
  const [newer, older] = await Promise.all([
    db
      .select({ id: generations.id })
      .from(generations)
      .where(and(eq(generations.userId, userId), sql`${position} > ${here}`))
      .orderBy(asc(generations.createdAt), asc(generations.id))
      .limit(1),
    db
      .select({ id: generations.id })
      .from(generations)
      .where(and(eq(generations.userId, userId), sql`${position} < ${here}`))
      .orderBy(desc(generations.createdAt), desc(generations.id))
      .limit(1),
  ]);
  return { newer: newer[0]?.id ?? null, older: older[0]?.id ?? null };
}
