import { desc, sql } from "drizzle-orm";
import type { Db } from "../client";
import { type AuditEvent, auditEvents } from "../schema";

export type NewAuditEvent = Omit<typeof auditEvents.$inferInsert, "id" | "createdAt">;

export async function insertAuditEvent(db: Db, event: NewAuditEvent): Promise<void> {
  await db.insert(auditEvents).values(event);
}

/** Newest first, keyset-paged on (created_at, id) like the gallery. */
export async function listAuditEvents(
  db: Db,
  { limit, before }: { limit: number; before?: { createdAt: Date; id: string } | null },
): Promise<{ items: AuditEvent[]; hasMore: boolean }> {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      before
        ? sql`(${auditEvents.createdAt}, ${auditEvents.id}) < (${before.createdAt}, ${before.id})`
        : undefined,
    )
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(limit + 1);
  return { items: rows.slice(0, limit), hasMore: rows.length > limit };
}
