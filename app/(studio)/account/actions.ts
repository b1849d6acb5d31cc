"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { setPasswordHash } from "@/db/queries/users";
import { signIn, signOut } from "@/lib/auth";
import { clientAddress } from "@/lib/auth/client-address";
import { newPasswordSchema } from "@/lib/auth/password-policy";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { setSsoIntent } from "@/lib/auth/sso-intent";
import { enabledSsoProviders } from "@/lib/auth/sso-providers";
import { recordAuthFailure, throttledUntil, throttleMessage } from "@/lib/auth/throttle";
import { env } from "@/lib/config/env";
import { formActionWithUser } from "@/lib/http/form-action";

/** Links another sign-in method to the signed-in account: the provider's answer lands on this user. */
export const linkSsoAction = formActionWithUser(
  "link single sign-on",
  z.object({ provider: z.enum(["oidc", "github"]) }),
  async ({ provider }, user) => {
    if (!enabledSsoProviders().some((enabled) => enabled.id === provider)) {
      return { error: "That sign-in method is not available." };
    }
    await setSsoIntent({ kind: "link", userId: user.id });
    await signIn(provider, { redirectTo: "/account" });
    return {};
  },
);

/** A new password ends every session of the account, this one included. */
export const changePasswordAction = formActionWithUser(
  "change password",
  z.object({ current: z.string().max(256).optional(), password: newPasswordSchema }),
  async ({ current, password }, user) => {
    if (!env().AUTH_PASSWORD_LOGIN) return { error: "Passwords are turned off on this studio." };
    const db = await getDb();
    const subject = { email: user.email, address: clientAddress(await headers()) };
    const until = await throttledUntil(db, subject);
    if (until) return { error: throttleMessage(until) };
    if (user.passwordHash && !(await verifyPassword(user.passwordHash, current ?? ""))) {
      await recordAuthFailure(db, subject);
      return { fields: { current: "That is not your current password." } };
    }
    await setPasswordHash(db, { id: user.id, passwordHash: await hashPassword(password) });
    await insertAuditEvent(db, {
      action: "password_changed",
      actorId: user.id,
      subjectId: user.id,
      email: user.email,
      clientAddress: subject.address,
    });
    await signOut({ redirectTo: "/sign-in?error=password_changed" });
    return {};
  },
);
