import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { authSessions, type User, type UserRole, users } from "../schema";

export async function createAuthSession(
  db: Db,
  { userId, expiresAt }: { userId: string; expiresAt: Date },
): Promise<string> {
  const [row] = await db
    .insert(authSessions)
    .values({ userId, expiresAt })
    .returning({ id: authSessions.id });
  if (!row) throw new Error("createAuthSession: insert returned no row");
  return row.id;
}

const live = ({ sessionId, userId }: { sessionId: string; userId: string }) =>
  and(
    eq(authSessions.id, sessionId),
    eq(authSessions.userId, userId),
    gt(authSessions.expiresAt, new Date()),
    isNull(users.disabledAt),
  );

/**
 * The hot check behind every signed-in request: one primary-key lookup joined to its user, no
 * full user load. Null when the session was ended, has expired, or its user is disabled or gone.
 */
export async function getLiveSession(
  db: Db,
  { sessionId, userId }: { sessionId: string; userId: string },
): Promise<{ role: UserRole } | null> {
  const [row] = await db
    .select({ role: users.role })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(live({ sessionId, userId }))
    .limit(1);
  return row ?? null;
}

/** The whole user behind a live session, for pages and actions. */
export async function getUserBySession(
  db: Db,
  ids: { sessionId: string; userId: string },
): Promise<User | undefined> {
  const [row] = await db
    .select({ user: users })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(live(ids))
    .limit(1);
  return row?.user;
}

export async function deleteAuthSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.id, sessionId));
}
