import "server-only";
import { CredentialsSignin } from "next-auth";
import type { Db } from "@/db";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { getUserByEmail, recordSignIn } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { signInSchema } from "./credentials";
import { verifyPassword } from "./passwords";
import { clearAccountFailures, recordAuthFailure, throttledUntil } from "./throttle";

/** Too many failures for this account or address: even the right password waits. */
export class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

/**
 * The password check behind every sign-in, wherever it is posted from (our form or Auth.js's own
 * callback URL): throttled per account and per address, counted in the database.
 */
export async function authorizePassword(db: Db, raw: unknown, address: string): Promise<User | null> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  if (await throttledUntil(db, { email, address })) throw new ThrottledSignIn();
  const user = await getUserByEmail(db, email);
  // The decoy hash inside verifyPassword makes an unknown email take as long as a known one.
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid || user.disabledAt) {
    const blocked = await recordAuthFailure(db, { email, address });
    await insertAuditEvent(db, {
      action: "sign_in_failed",
      subjectId: user?.id ?? null,
      email,
      clientAddress: address,
      detail: user?.disabledAt && valid ? "account disabled" : "wrong email or password",
    });
    if (blocked) throw new ThrottledSignIn();
    return null;
  }
  await clearAccountFailures(db, email);
  await recordSignIn(db, user.id);
  await insertAuditEvent(db, {
    action: "sign_in",
    actorId: user.id,
    subjectId: user.id,
    email: user.email,
    clientAddress: address,
    detail: "with a password",
  });
  return user;
}
