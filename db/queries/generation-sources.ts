import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { generationSources, generations, media } from "../schema";

export interface SourceSummary {
  generationId: string;
  position: number;
  /** Null once the source image has been deleted. */
  media: { id: string; width: number; height: number; placeholder: string } | null;
  /** The generation whose result this source is, when it is one: the previous step of a chain. */
  fromGenerationId: string | null;
}

const origin = alias(generations, "origin");

/** The sources of several generations at once, in prompt order, for one user's pages. */
export async function listSourcesFor(
  db: Db,
  { userId, generationIds }: { userId: string; generationIds: readonly string[] },
): Promise<Map<string, SourceSummary[]>> {
  const bySource = new Map<string, SourceSummary[]>();
  if (generationIds.length === 0) return bySource;
  const rows = await db
    .select({
      generationId: generationSources.generationId,
      position: generationSources.position,
      mediaId: media.id,
      width: media.width,
      height: media.height,
      placeholder: media.placeholder,
      fromGenerationId: origin.id,
    })
    .from(generationSources)
    .innerJoin(generations, eq(generations.id, generationSources.generationId))
    .leftJoin(media, eq(media.id, generationSources.mediaId))
    .leftJoin(origin, and(eq(origin.resultMediaId, media.id), eq(origin.userId, userId)))
    .where(and(eq(generations.userId, userId), inArray(generationSources.generationId, [...generationIds])))
    .orderBy(asc(generationSources.generationId), asc(generationSources.position));
  for (const row of rows) {
    const list = bySource.get(row.generationId) ?? [];
    list.push({
      generationId: row.generationId,
      position: row.position,
      media:
        row.mediaId && row.width !== null && row.height !== null && row.placeholder !== null
          ? { id: row.mediaId, width: row.width, height: row.height, placeholder: row.placeholder }
          : null,
      fromGenerationId: row.fromGenerationId,
    });
    bySource.set(row.generationId, list);
  }
  return bySource;
}

/** Storage keys of an edit's references in prompt order; null marks one deleted since. */
export async function listSourceStorageKeys(db: Db, generationId: string): Promise<(string | null)[]> {
  const rows = await db
    .select({ storageKey: media.storageKey })
    .from(generationSources)
    .leftJoin(media, eq(media.id, generationSources.mediaId))
    .where(eq(generationSources.generationId, generationId))
    .orderBy(asc(generationSources.position));
  return rows.map((row) => row.storageKey);
}

/** Media ids of an edit's references in prompt order, for a retry or a remix. */
export async function listSourceMediaIds(db: Db, generationId: string): Promise<(string | null)[]> {
  const rows = await db
    .select({ mediaId: generationSources.mediaId })
    .from(generationSources)
    .where(eq(generationSources.generationId, generationId))
    .orderBy(asc(generationSources.position));
  return rows.map((row) => row.mediaId);
}

/** The user's edits that used this image as a reference: the next steps of its chains. */
export async function listEditsFrom(
  db: Db,
  { userId, mediaId }: { userId: string; mediaId: string },
): Promise<{ id: string; prompt: string; status: string }[]> {
  return db
    .selectDistinct({
      id: generations.id,
      prompt: generations.prompt,
      status: generations.status,
      createdAt: generations.createdAt,
    })
    .from(generationSources)
    .innerJoin(generations, eq(generations.id, generationSources.generationId))
    .where(and(eq(generationSources.mediaId, mediaId), eq(generations.userId, userId)))
    .orderBy(asc(generations.createdAt));
}

/** An edit's reference files in prompt order (key and type); null marks one deleted since. */
export async function listSourceFiles(
  db: Db,
  generationId: string,
): Promise<({ storageKey: string; contentType: string } | null)[]> {
  const rows = await db
    .select({ storageKey: media.storageKey, contentType: media.contentType })
    .from(generationSources)
    .leftJoin(media, eq(media.id, generationSources.mediaId))
    .where(eq(generationSources.generationId, generationId))
    .orderBy(asc(generationSources.position));
  return rows.map((row) =>
    row.storageKey && row.contentType ? { storageKey: row.storageKey, contentType: row.contentType } : null,
  );
}
