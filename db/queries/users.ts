import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { DatabaseError } from "../database-error";
import { type User, users } from "../schema";

export class EmailTakenError extends Error {
  constructor() {
    super("An account with this email already exists.");
    this.name = "EmailTakenError";
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, constraint_name, constraint: c } = e as Record<string, unknown>;
    if (code === "23505" && (constraint_name === constraint || c === constraint)) return true;
  }
  return false;
}

/** The first account becomes the admin; the partial unique index settles a race for that place. */
export async function createUser(
  db: Db,
  input: { email: string; name: string | null; passwordHash: string },
): Promise<User> {
  for (const role of ["admin", "user"] as const) {
    try {
      const [user] = await db
        .insert(users)
        .values({ ...input, role })
        .returning();
      if (user) return user;
    } catch (error) {
      if (isUniqueViolation(error, "users_email_key")) throw new EmailTakenError();
      // The sign-up action lets other errors reach Next's log: never with the email and hash.
      if (!isUniqueViolation(error, "users_single_admin")) throw new DatabaseError("createUser", error);
    }
  }
  throw new Error("createUser: insert returned no row");
}

export async function getUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return user;
}

export async function getUserById(db: Db, id: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}
