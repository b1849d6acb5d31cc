import { and, eq, inArray, notExists, sql } from "drizzle-orm";
import { storedFilesOf } from "@/lib/media/stored-files";
import type { Db } from "../client";
import { generationSources, type Media, media, type NewMedia } from "../schema";
import { olderThan } from "./older-than";

export async function insertMedia(db: Db, values: NewMedia): Promise<Media> {
  const [row] = await db.insert(media).values(values).returning();
  if (!row) throw new Error("insertMedia: insert returned no row");
  return row;
}

/**
 * Uploads that never became part of an edit (dropped into the tray, then removed or abandoned)
 * are deleted once old enough that no open tab still means to use them. Returns the storage keys
 * to delete; the rows go first, so no row ever points at a missing file.
 */
export async function deleteUnusedUploads(
  db: Db,
  { olderThanMs, limit }: { olderThanMs: number; limit: number },
): Promise<string[]> {
  const unused = and(
    eq(media.kind, "upload"),
    olderThan(media.createdAt, olderThanMs),
    notExists(
      db.select({ one: sql`1` }).from(generationSources).where(eq(generationSources.mediaId, media.id)),
    ),
  );
  const batch = db.select({ id: media.id }).from(media).where(unused).limit(limit);
  const deleted = await db
    .delete(media)
    .where(and(inArray(media.id, batch), unused))
    .returning({ storageKey: media.storageKey, thumbnailKey: media.thumbnailKey });
  return deleted.flatMap(storedFilesOf);
}
