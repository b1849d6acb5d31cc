import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { type Generation, generations, type Media, media, type NewGeneration } from "../schema";

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
  media: { id: media.id, width: media.width, height: media.height, placeholder: media.placeholder },
};

export type GenerationSummary = Pick<Generation, Exclude<keyof typeof summaryColumns, "media">> & {
  media: Pick<Media, "id" | "width" | "height" | "placeholder"> | null;
};

/**
 * Inserts unless this user already sent this idempotency key; either way returns the generation
 * the key names. `created` tells the caller whether it owns the submission.
 */
export async function insertGeneration(
  db: Db,
  values: NewGeneration,
): Promise<{ generation: Generation; created: boolean }> {
  const [inserted] = await db.insert(generations).values(values).onConflictDoNothing().returning();
  if (inserted) return { generation: inserted, created: true };
  const [existing] = await db
    .select()
    .from(generations)
    .where(and(eq(generations.userId, values.userId), eq(generations.idempotencyKey, values.idempotencyKey)))
    .limit(1);
  if (!existing) throw new Error("insertGeneration: conflict without an existing row");
  return { generation: existing, created: false };
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

export interface HistoryCursor {
  createdAt: Date;
  id: string;
}

/** Newest first, keyset-paged on (created_at, id) so a deep page costs what the first does. */
export async function listGenerationsByUser(
  db: Db,
  { userId, limit, before }: { userId: string; limit: number; before?: HistoryCursor },
): Promise<{ items: GenerationSummary[]; hasMore: boolean }> {
  const rows = await db
    .select(summaryColumns)
    .from(generations)
    .leftJoin(media, eq(media.id, generations.resultMediaId))
    .where(
      and(
        eq(generations.userId, userId),
        before
          ? or(
              lt(generations.createdAt, before.createdAt),
              and(eq(generations.createdAt, before.createdAt), lt(generations.id, before.id)),
            )
          : undefined,
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
