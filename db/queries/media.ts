import type { Db } from "../client";
import { type Media, media, type NewMedia } from "../schema";

export async function insertMedia(db: Db, values: NewMedia): Promise<Media> {
  const [row] = await db.insert(media).values(values).returning();
  if (!row) throw new Error("insertMedia: insert returned no row");
  return row;
}
