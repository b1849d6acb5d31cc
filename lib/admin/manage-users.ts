import "server-only";
import { getDb } from "@/db";
import { insertAuditEvent } from "@/db/queries/audit-events";
import {
  createUser,
  deleteUser,
  EmailTakenError,
  getUserById,
  LastAdminError,
  updateUserAccess,
} from "@/db/queries/users";
import type { User, UserRole } from "@/db/schema";
import { hashPassword } from "@/lib/auth/passwords";
import { AppError } from "@/lib/errors";
import { removeStoredFiles } from "@/lib/media";

const lastAdmin = () =>
  new AppError("conflict", "The studio needs at least one active admin. Make someone else an admin first.");
const gone = () => new AppError("not_found", "That user no longer exists.");

function refuseSelf(admin: User, userId: string, what: string): void {
  if (admin.id === userId) throw new AppError("conflict", `You cannot ${what} your own account.`);
}

async function changeAccess(userId: string, change: { role?: UserRole; disabled?: boolean }) {
  const db = await getDb();
  try {
    const user = await updateUserAccess(db, { id: userId, ...change });
    if (!user) throw gone();
    return user;
  } catch (error) {
    if (error instanceof LastAdminError) throw lastAdmin();
    throw error;
  }
}

export async function setUserRole(admin: User, { userId, role }: { userId: string; role: UserRole }) {
  const user = await changeAccess(userId, { role });
  await insertAuditEvent(await getDb(), {
    action: "role_changed",
    actorId: admin.id,
    subjectId: user.id,
    email: user.email,
    detail: `now ${role}`,
  });
  return { id: user.id, role: user.role };
}

/** Disabling ends every session of the user at its next request; their running tasks still settle. */
export async function setUserDisabled(
  admin: User,
  { userId, disabled }: { userId: string; disabled: boolean },
) {
  refuseSelf(admin, userId, "disable");
  const user = await changeAccess(userId, { disabled });
  await insertAuditEvent(await getDb(), {
    action: disabled ? "user_disabled" : "user_enabled",
    actorId: admin.id,
    subjectId: user.id,
    email: user.email,
  });
  return { id: user.id, disabled: user.disabledAt !== null };
}

/** Rows go in one transaction (images, shares, sessions cascade), then the files. */
export async function removeUser(admin: User, { userId }: { userId: string }) {
  refuseSelf(admin, userId, "delete");
  const db = await getDb();
  const user = await getUserById(db, userId);
  if (!user) throw gone();
  let result: { storageKeys: string[] } | null;
  try {
    result = await deleteUser(db, userId);
  } catch (error) {
    if (error instanceof LastAdminError) throw lastAdmin();
    throw error;
  }
  if (!result) throw gone();
  await insertAuditEvent(db, {
    action: "user_deleted",
    actorId: admin.id,
    subjectId: userId,
    email: user.email,
  });
  await removeStoredFiles(result.storageKeys);
  return { id: userId };
}

export async function addUser(
  admin: User,
  input: { email: string; name: string | null; password: string; role: UserRole },
) {
  const db = await getDb();
  const user = await createUser(db, {
    email: input.email,
    name: input.name,
    passwordHash: await hashPassword(input.password),
    role: input.role,
  }).catch((error: unknown) => {
    if (error instanceof EmailTakenError)
      throw new AppError("conflict", "An account with this email already exists.");
    throw error;
  });
  await insertAuditEvent(db, {
    action: "user_created",
    actorId: admin.id,
    subjectId: user.id,
    email: user.email,
    detail: `as ${user.role}`,
  });
  return { id: user.id };
}
