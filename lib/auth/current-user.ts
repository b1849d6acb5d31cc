import "server-only";
import { cache } from "react";
import { getDb } from "@/db";
import { getUserBySession } from "@/db/queries/auth-sessions";
import type { User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { auth } from ".";

/**
 * The signed-in user, checked against the session's row, so a cookie from a signed-out, disabled
 * or deleted account is worthless. Looked up once per request however many callers ask.
 */
export const getCurrentUser = cache(async (): Promise<User | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = session?.sid;
  if (!userId || !sessionId) return null;
  return (await getUserBySession(await getDb(), { sessionId, userId })) ?? null;
});

export async function requireUser(): Promise<User> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  return user;
}

export async function requireAdmin(): Promise<User> {
  const user = await requireUser();
  if (user.role !== "admin") throw new AppError("forbidden", "Only an admin can do that.");
  return user;
}
