import "server-only";
import { getDb } from "@/db";
import { getUserById } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { auth } from ".";

/** The signed-in user, checked against the database so a deleted account's cookie is worthless. */
export async function getCurrentUser(): Promise<User | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return (await getUserById(await getDb(), id)) ?? null;
}

export async function requireUser(): Promise<User> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  return user;
}
