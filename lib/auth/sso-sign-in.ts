import "server-only";
import type { Db } from "@/db";
import { getUserByAccount, linkAccount } from "@/db/queries/accounts";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { getUserByEmail, getUserById, recordSignIn, updateUserAccess } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { env } from "@/lib/config/env";
import { emailSchema } from "./credentials";
import { createAccount, planSignup, SignupRefusedError } from "./sign-up";
import type { SsoIntent } from "./sso-intent";

export interface SsoIdentity {
  provider: string;
  providerAccountId: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  groups: string[];
}

/** Why an SSO sign-in was turned away; the sign-in page words each one. */
export type SsoRefusal =
  | "sso_no_email"
  | "sso_unverified_email"
  | "sso_not_invited"
  | "sso_invitation"
  | "sso_setup_code"
  | "sso_closed"
  | "sso_disabled"
  | "sso_linked_elsewhere";

export type SsoResult = { ok: true; user: User } | { ok: false; refusal: SsoRefusal };

const refusalFor: Record<SignupRefusedError["code"], SsoRefusal> = {
  closed: "sso_closed",
  invite_only: "sso_not_invited",
  sso_not_allowed: "sso_not_invited",
  setup_code: "sso_setup_code",
  invitation: "sso_invitation",
};

/**
 * Maps a provider identity to one of our users: the one it is linked to; else, when the person
 * asked to link it while signed in, that user; else the user with the same email only when the
 * provider says the email is verified (never a silent merge on an unverified claim); else a new
 * account where sign-up rules allow.
 */
export async function resolveSsoSignIn(
  db: Db,
  identity: SsoIdentity,
  { intent, address }: { intent: SsoIntent | null; address: string },
): Promise<SsoResult> {
  const linked = await getUserByAccount(db, identity);
  if (linked && intent?.kind === "link" && linked.id !== intent.userId) {
    return { ok: false, refusal: "sso_linked_elsewhere" };
  }
  if (linked) return finish(db, linked, identity, address);

  if (intent?.kind === "link") {
    const current = await getUserById(db, intent.userId);
    if (!current || current.disabledAt) return { ok: false, refusal: "sso_disabled" };
    await linkAccount(db, { ...identity, userId: current.id });
    await insertAuditEvent(db, {
      action: "account_linked",
      actorId: current.id,
      subjectId: current.id,
      email: current.email,
      clientAddress: address,
      detail: identity.provider,
    });
    return finish(db, current, identity, address);
  }

  const email = emailSchema.safeParse(identity.email ?? "");
  if (!email.success) return { ok: false, refusal: "sso_no_email" };
  const existing = await getUserByEmail(db, email.data);
  if (existing) {
    if (!identity.emailVerified) return { ok: false, refusal: "sso_unverified_email" };
    await linkAccount(db, { ...identity, userId: existing.id });
    return finish(db, existing, identity, address);
  }

  const request = {
    email: email.data,
    name: identity.name?.slice(0, 80) ?? null,
    passwordHash: null,
    invitationToken: intent?.kind === "invite" ? intent.token : null,
    setupCodeGiven: intent?.kind === "setup",
    sso: identity,
    address,
  };
  try {
    const plan = await planSignup(db, request);
    const user = await createAccount(db, request, plan, isAdminByGroup(identity) ? "admin" : undefined);
    return finish(db, user, identity, address);
  } catch (error) {
    if (error instanceof SignupRefusedError) return { ok: false, refusal: refusalFor[error.code] };
    throw error;
  }
}

const isAdminByGroup = (identity: SsoIdentity) => {
  const group = env().AUTH_OIDC_ADMIN_GROUP;
  return identity.provider === "oidc" && group !== undefined && identity.groups.includes(group);
};

async function finish(db: Db, user: User, identity: SsoIdentity, address: string): Promise<SsoResult> {
  if (user.disabledAt) return { ok: false, refusal: "sso_disabled" };
  let current = user;
  if (isAdminByGroup(identity) && user.role !== "admin") {
    current = (await updateUserAccess(db, { id: user.id, role: "admin" })) ?? user;
    await insertAuditEvent(db, {
      action: "role_changed",
      subjectId: user.id,
      email: user.email,
      clientAddress: address,
      detail: `admin through the ${env().AUTH_OIDC_ADMIN_GROUP} group`,
    });
  }
  await recordSignIn(db, current.id);
  await insertAuditEvent(db, {
    action: "sign_in",
    actorId: current.id,
    subjectId: current.id,
    email: current.email,
    clientAddress: address,
    detail: `via ${identity.provider}`,
  });
  return { ok: true, user: current };
}
