import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { accounts, type User, users } from "../schema";

export async function getUserByAccount(
  db: Db,
  { provider, providerAccountId }: { provider: string; providerAccountId: string },
): Promise<User | undefined> {
  const [row] = await db
    .select({ user: users })
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.userId))
    .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)))
    .limit(1);
  return row?.user;
}

export async function linkAccount(
  db: Db,
  values: { provider: string; providerAccountId: string; userId: string },
): Promise<void> {
  await db.insert(accounts).values(values).onConflictDoNothing();
}

export async function listAccountsForUser(db: Db, userId: string): Promise<{ provider: string }[]> {
  return db.select({ provider: accounts.provider }).from(accounts).where(eq(accounts.userId, userId));
}
