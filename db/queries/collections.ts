import { and, asc, count, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client";
import { type Collection, collectionItems, collections, generations } from "../schema";
import { isUniqueViolation } from "./users";

export interface CollectionSummary {
  id: string;
  name: string;
  count: number;
  /** Whether the generation asked about is on this board (false when none was asked about). */
  hasImage: boolean;
}

/** The user's boards by name, with how many images each holds and whether `generationId` is on it. */
export async function listCollectionsForUser(
  db: Db,
  { userId, generationId }: { userId: string; generationId?: string },
): Promise<CollectionSummary[]> {
  const hasImage = generationId
    ? sql<boolean>`coalesce(bool_or(${collectionItems.generationId} = ${generationId}::uuid), false)`
    : sql<boolean>`false`;
  const rows = await db
    .select({
      id: collections.id,
      name: collections.name,
      count: count(collectionItems.generationId),
      hasImage,
    })
    .from(collections)
    .leftJoin(collectionItems, eq(collectionItems.collectionId, collections.id))
    .where(eq(collections.userId, userId))
    .groupBy(collections.id)
    .orderBy(asc(sql`lower(${collections.name})`), asc(collections.id));
  return rows.map((row) => ({ ...row, count: Number(row.count), hasImage: Boolean(row.hasImage) }));
}

export async function getCollectionForUser(
  db: Db,
  { userId, id }: { userId: string; id: string },
): Promise<Collection | undefined> {
  const [row] = await db
    .select()
    .from(collections)
    .where(and(eq(collections.id, id), eq(collections.userId, userId)))
    .limit(1);
  return row;
}

/** Undefined when the user already has a board of that name (whatever its capitals). */
export async function countCollections(db: Db, { userId }: { userId: string }): Promise<number> {
  const [row] = await db.select({ boards: count() }).from(collections).where(eq(collections.userId, userId));
  return row?.boards ?? 0;
}

export async function createCollection(
  db: Db,
  { userId, name }: { userId: string; name: string },
): Promise<Collection | undefined> {
  const [row] = await db.insert(collections).values({ userId, name }).onConflictDoNothing().returning();
  return row;
}

export async function renameCollection(
  db: Db,
  { userId, id, name }: { userId: string; id: string; name: string },
): Promise<"renamed" | "not_found" | "name_taken"> {
  try {
    const rows = await db
      .update(collections)
      .set({ name })
      .where(and(eq(collections.id, id), eq(collections.userId, userId)))
      .returning({ id: collections.id });
    return rows.length > 0 ? "renamed" : "not_found";
  } catch (error) {
    if (isUniqueViolation(error, "collections_user_name_key")) return "name_taken";
    throw error;
  }
}

/** Removes the board and its memberships; the images themselves stay. */
export async function deleteCollection(
  db: Db,
  { userId, id }: { userId: string; id: string },
): Promise<boolean> {
  const rows = await db
    .delete(collections)
    .where(and(eq(collections.id, id), eq(collections.userId, userId)))
    .returning({ id: collections.id });
  return rows.length > 0;
}

/**
 * Puts a generation on a board or takes it off. Both must be the user's: the insert selects them
 * with the owner in the same statement, so another user's board or image is never linked; either
 * one missing reads as false. Adding twice or removing what is absent changes nothing.
 */
export async function setCollectionMembership(
  db: Db,
  {
    userId,
    collectionId,
    generationId,
    member,
  }: { userId: string; collectionId: string; generationId: string; member: boolean },
): Promise<boolean> {
  const owned = db
    .select({
      collectionId: collections.id,
      generationId: generations.id,
      createdAt: sql`now()`.as("created_at"),
    })
    .from(collections)
    .innerJoin(generations, and(eq(generations.id, generationId), eq(generations.userId, userId)))
    .where(and(eq(collections.id, collectionId), eq(collections.userId, userId)));
  if (member) {
    const added = await db
      .insert(collectionItems)
      .select(owned)
      .onConflictDoNothing()
      .returning({ collectionId: collectionItems.collectionId });
    // Nothing inserted: already on the board, or not both the user's.
    return added.length > 0 || (await owned.limit(1)).length > 0;
  }
  const board = await getCollectionForUser(db, { userId, id: collectionId });
  if (!board) return false;
  await db
    .delete(collectionItems)
    .where(and(eq(collectionItems.collectionId, board.id), eq(collectionItems.generationId, generationId)));
  return true;
}

/**
 * The gallery's "on this board" condition. The board's owner must be the generation's owner, so a
 * board id of another user's matches nothing even before the caller's own user filter applies.
 */
export function inCollection(collectionId: string): SQL {
  return sql`exists (select 1 from ${collectionItems} inner join ${collections} on ${collections.id} = ${collectionItems.collectionId}
        where ${collectionItems.generationId} = ${generations.id}
          and ${collectionItems.collectionId} = ${collectionId}::uuid
          and ${collections.userId} = ${generations.userId})`;
}
