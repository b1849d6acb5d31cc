import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { generations, media, type Share, shares } from "../schema";

export async function createShare(
  db: Db,
  values: {
    token: string;
    userId: string;
    generationId: string;
    showPrompt: boolean;
    allowIndexing: boolean;
  },
): Promise<Share | undefined> {
  return db.transaction(async (tx) => {
    // Only a finished image of the user's own can be shared; the row lock keeps a delete from
    // slipping in between the check and the insert.
    const [shareable] = await tx
      .select({ id: generations.id })
      .from(generations)
      .where(
        and(
          eq(generations.id, values.generationId),
          eq(generations.userId, values.userId),
          eq(generations.status, "succeeded"),
        ),
      )
      .for("key share");
    if (!shareable) return undefined;
    const [row] = await tx.insert(shares).values(values).returning();
    return row;
  });
}

export interface ShareSummary {
  id: string;
  token: string;
  generationId: string;
  prompt: string;
  showPrompt: boolean;
  allowIndexing: boolean;
  viewCount: number;
  createdAt: Date;
  mediaId: string | null;
}

/** The owner's active links, newest first; optionally those of one generation. */
export async function listSharesForUser(
  db: Db,
  { userId, generationId }: { userId: string; generationId?: string },
): Promise<ShareSummary[]> {
  return db
    .select({
      id: shares.id,
      token: shares.token,
      generationId: shares.generationId,
      prompt: generations.prompt,
      showPrompt: shares.showPrompt,
      allowIndexing: shares.allowIndexing,
      viewCount: shares.viewCount,
      createdAt: shares.createdAt,
      mediaId: generations.resultMediaId,
    })
    .from(shares)
    .innerJoin(generations, eq(generations.id, shares.generationId))
    .where(and(eq(shares.userId, userId), generationId ? eq(shares.generationId, generationId) : undefined))
    .orderBy(desc(shares.createdAt));
}

/** Revoking deletes the link; another user's share id reads as not found. */
export async function revokeShare(db: Db, { userId, id }: { userId: string; id: string }): Promise<boolean> {
  const rows = await db
    .delete(shares)
    .where(and(eq(shares.id, id), eq(shares.userId, userId)))
    .returning({ id: shares.id });
  return rows.length > 0;
}

export interface SharedImage {
  token: string;
  showPrompt: boolean;
  allowIndexing: boolean;
  prompt: string;
  aspectRatio: string;
  quality: "basic" | "high";
  mode: "generate" | "edit";
  createdAt: Date;
  media: { storageKey: string; contentType: string; width: number; height: number; bytes: number };
}

function sharedImageQuery(db: Db, token: string) {
  return db
    .select({
      token: shares.token,
      showPrompt: shares.showPrompt,
      allowIndexing: shares.allowIndexing,
      prompt: generations.prompt,
      aspectRatio: generations.aspectRatio,
      quality: generations.quality,
      mode: generations.mode,
      createdAt: generations.createdAt,
      media: {
        storageKey: media.storageKey,
        contentType: media.contentType,
        width: media.width,
        height: media.height,
        bytes: media.bytes,
      },
    })
    .from(shares)
    .innerJoin(generations, eq(generations.id, shares.generationId))
    .innerJoin(media, eq(media.id, generations.resultMediaId))
    .where(eq(shares.token, token))
    .limit(1);
}

/** What a share link shows, or undefined once revoked; reading it for the page counts a view. */
export async function getSharedImage(
  db: Db,
  { token, countView }: { token: string; countView: boolean },
): Promise<SharedImage | undefined> {
  if (countView) {
    const counted = await db
      .update(shares)
      .set({ viewCount: sql`${shares.viewCount} + 1` })
      .where(eq(shares.token, token))
      .returning({ id: shares.id });
    if (counted.length === 0) return undefined;
  }
  const [row] = await sharedImageQuery(db, token);
  return row;
}
