import { and, count, desc, eq, gte, isNull, sql } from "drizzle-orm";
import { storedFilesOf } from "@/lib/media/stored-files";
import type { Db } from "../client";
import { DatabaseError } from "../database-error";
import { accounts, authSessions, generations, media, type User, type UserRole, users } from "../schema";

export class EmailTakenError extends Error {
  constructor() {
    super("An account with this email already exists.");
    this.name = "EmailTakenError";
  }
}

export class LastAdminError extends Error {
  constructor() {
    super("The studio needs at least one active admin.");
    this.name = "LastAdminError";
  }
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, constraint_name, constraint: c } = e as Record<string, unknown>;
    if (code === "23505" && (constraint_name === constraint || c === constraint)) return true;
  }
  return false;
}

// Any constant works; it serialises the "is there an admin yet?" decision between sign-ups.
const FIRST_ADMIN_LOCK_ID = 725_104_452;

export interface NewUserInput {
  email: string;
  name: string | null;
  passwordHash: string | null;
  role?: UserRole;
  /** While no admin exists, this account becomes the admin (the caller checked it may). */
  firstAdmin?: boolean;
}

/**
 * Creates a user. The first-admin decision runs under a transaction-scoped advisory lock, so two
 * racing sign-ups cannot both see "no admin yet".
 */
export async function createUser(db: Db, input: NewUserInput): Promise<User> {
  const { firstAdmin = false, role = "user", ...values } = input;
  try {
    return await db.transaction(async (tx) => {
      let finalRole = role;
      if (firstAdmin && role !== "admin") {
        await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_ADMIN_LOCK_ID})`);
        if (!(await hasActiveAdmin(tx))) finalRole = "admin";
      }
      const [user] = await tx
        .insert(users)
        .values({ ...values, role: finalRole })
        .returning();
      if (!user) throw new Error("createUser: insert returned no row");
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) throw new EmailTakenError();
    // The sign-up action lets other errors reach Next's log: never with the email and hash.
    throw new DatabaseError("createUser", error);
  }
}

export async function hasActiveAdmin(db: Pick<Db, "select">): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt)))
    .limit(1);
  return Boolean(row);
}

export async function getUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return user;
}

export async function getUserById(db: Db, id: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}

export async function recordSignIn(db: Db, id: string): Promise<void> {
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, id));
}

/** A new password ends every session the user had; the caller opens a fresh one if it should. */
export async function setPasswordHash(db: Db, { id, passwordHash }: { id: string; passwordHash: string }) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, id));
    await tx.delete(authSessions).where(eq(authSessions.userId, id));
  });
}

// Locking every active admin row first means two admins demoting each other at once are serialised.
function lockActiveAdmins(tx: Db) {
  return tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt)))
    .for("update");
}

/**
 * Changes a role or the disabled flag, refusing to leave the studio without an active admin.
 * The admin rows are locked first, so two admins demoting each other at once cannot both win.
 */
export async function updateUserAccess(
  db: Db,
  { id, role, disabled }: { id: string; role?: UserRole; disabled?: boolean },
): Promise<User | undefined> {
  return db.transaction(async (tx) => {
    const admins = await lockActiveAdmins(tx);
    const losesAdmin = (role !== undefined && role !== "admin") || disabled === true;
    if (losesAdmin && admins.length === 1 && admins[0]?.id === id) throw new LastAdminError();
    const [user] = await tx
      .update(users)
      .set({
        ...(role === undefined ? {} : { role }),
        ...(disabled === undefined ? {} : { disabledAt: disabled ? new Date() : null }),
      })
      .where(eq(users.id, id))
      .returning();
    // Disabling ends every session at its next request; running tasks still settle.
    if (user && disabled) await tx.delete(authSessions).where(eq(authSessions.userId, id));
    return user;
  });
}

/** Deletes a user with their rows (cascade); returns the storage keys whose files the caller removes. */
export async function deleteUser(db: Db, id: string): Promise<{ storageKeys: string[] } | null> {
  return db.transaction(async (tx) => {
    const admins = await lockActiveAdmins(tx);
    if (admins.length === 1 && admins[0]?.id === id) throw new LastAdminError();
    const files = await tx
      .select({ storageKey: media.storageKey, thumbnailKey: media.thumbnailKey })
      .from(media)
      .where(eq(media.userId, id));
    const [gone] = await tx.delete(users).where(eq(users.id, id)).returning({ id: users.id });
    if (!gone) return null;
    return { storageKeys: files.flatMap(storedFilesOf) };
  });
}

export interface UserListItem {
  id: string;
  email: string;
  name: string | null;
  role: UserRole;
  disabled: boolean;
  hasPassword: boolean;
  providers: string[];
  createdAt: Date;
  lastSignInAt: Date | null;
  imagesThisMonth: number;
}

/** Everyone, newest first, with what an admin needs to decide about them. */
export async function listUsersForAdmin(
  db: Db,
  { monthStart }: { monthStart: Date },
): Promise<UserListItem[]> {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
      passwordHash: users.passwordHash,
      createdAt: users.createdAt,
      lastSignInAt: users.lastSignInAt,
    })
    .from(users)
    .orderBy(desc(users.createdAt));
  const providerRows = await db
    .select({ userId: accounts.userId, provider: accounts.provider })
    .from(accounts);
  const imageRows = await db
    .select({ userId: generations.userId, images: count() })
    .from(generations)
    .where(and(eq(generations.status, "succeeded"), gte(generations.createdAt, monthStart)))
    .groupBy(generations.userId);
  const images = new Map(imageRows.map((row) => [row.userId, row.images]));
  return rows.map(({ passwordHash, disabledAt, ...row }) => ({
    ...row,
    disabled: disabledAt !== null,
    hasPassword: passwordHash !== null,
    providers: providerRows.filter((p) => p.userId === row.id).map((p) => p.provider),
    imagesThisMonth: images.get(row.id) ?? 0,
  }));
}
