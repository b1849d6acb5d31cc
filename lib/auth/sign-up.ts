import "server-only";
import type { Db } from "@/db";
import { linkAccount } from "@/db/queries/accounts";
import { insertAuditEvent } from "@/db/queries/audit-events";
import {
  getInvitationByTokenHash,
  type InvitationState,
  invitationState,
  recordRedemption,
  takeInvitationUse,
} from "@/db/queries/invitations";
import { createUser, hasActiveAdmin } from "@/db/queries/users";
import type { User, UserRole } from "@/db/schema";
import { env, signupMode } from "@/lib/config/env";
import { hashInvitationToken, invitationTokenPattern } from "./invitation-token";
import { setupCodeRequired } from "./setup-code";

export type SignupRefusal = "closed" | "invite_only" | "setup_code" | "invitation" | "sso_not_allowed";

export class SignupRefusedError extends Error {
  constructor(
    readonly code: SignupRefusal,
    message: string,
  ) {
    super(message);
    this.name = "SignupRefusedError";
  }
}

const INVITATION_MESSAGES: Record<Exclude<InvitationState, "usable">, string> = {
  unknown:
    "This invitation link is not valid. Check that you copied all of it, or ask an admin for a new one.",
  revoked: "This invitation was turned off by an admin. Ask them for a new one.",
  expired: "This invitation has expired. Ask an admin for a new one.",
  used_up: "This invitation has already been used. Ask an admin for a new one.",
  wrong_email: "This invitation is for a different email address.",
};

export function invitationMessage(state: Exclude<InvitationState, "usable">): string {
  return INVITATION_MESSAGES[state];
}

export interface SignupRequest {
  email: string;
  name: string | null;
  passwordHash: string | null;
  invitationToken?: string | null;
  /** The setup code was given and is right (or the first admin is otherwise vouched for). */
  setupCodeGiven: boolean;
  /** For single sign-on: the identity to link, and whether its provider vouches for the email. */
  sso?: { provider: string; providerAccountId: string; emailVerified: boolean };
  address: string;
}

export type SignupPlan = { firstAdmin: boolean; invitationTokenHash: string | null };

/**
 * Who may create an account now. While no admin exists, only the first admin may (with the setup
 * code where strangers can reach the server); afterwards SIGNUP_MODE decides, an invitation opens
 * invite mode, and SSO users of an allowed, verified domain may join without one.
 */
export async function planSignup(db: Db, request: SignupRequest): Promise<SignupPlan> {
  if (!(await hasActiveAdmin(db))) {
    if (setupCodeRequired() && !request.setupCodeGiven) {
      throw new SignupRefusedError(
        "setup_code",
        "This studio has no admin yet. Enter the setup code printed in the server's log to create the admin account.",
      );
    }
    return { firstAdmin: true, invitationTokenHash: null };
  }
  const mode = signupMode();
  if (mode === "closed") {
    throw new SignupRefusedError(
      "closed",
      "Sign-up is closed on this studio. Ask an admin to create an account for you.",
    );
  }
  if (request.invitationToken) {
    const tokenHash = invitationTokenPattern.test(request.invitationToken)
      ? hashInvitationToken(request.invitationToken)
      : "";
    const invitation = await getInvitationByTokenHash(db, tokenHash);
    const state = invitationState(invitation, request.email);
    if (state !== "usable") throw new SignupRefusedError("invitation", invitationMessage(state));
    if (request.sso && !request.sso.emailVerified && invitation?.email) {
      throw new SignupRefusedError(
        "invitation",
        "This invitation is bound to an email your provider has not verified.",
      );
    }
    return { firstAdmin: false, invitationTokenHash: tokenHash };
  }
  if (mode === "open") return { firstAdmin: false, invitationTokenHash: null };
  if (request.sso?.emailVerified && env().SIGNUP_ALLOWED_DOMAINS.includes(domainOf(request.email))) {
    return { firstAdmin: false, invitationTokenHash: null };
  }
  throw new SignupRefusedError(
    request.sso ? "sso_not_allowed" : "invite_only",
    "This studio is invite-only. Ask an admin for an invitation link.",
  );
}

const domainOf = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

/**
 * Creates the account as planned, in one transaction with the invitation's use, its redemption,
 * the SSO identity and the audit entries: a refusal anywhere leaves no row behind.
 */
export async function createAccount(
  db: Db,
  request: SignupRequest,
  plan: SignupPlan,
  role?: UserRole,
): Promise<User> {
  return db.transaction(async (tx) => {
    let invitation: { id: string; role: UserRole } | undefined;
    if (plan.invitationTokenHash) {
      invitation = await takeInvitationUse(tx, { tokenHash: plan.invitationTokenHash, email: request.email });
      if (!invitation) {
        const state = invitationState(
          await getInvitationByTokenHash(tx, plan.invitationTokenHash),
          request.email,
        );
        throw new SignupRefusedError("invitation", invitationMessage(state === "usable" ? "used_up" : state));
      }
    }
    const user = await createUser(tx, {
      email: request.email,
      name: request.name,
      passwordHash: request.passwordHash,
      role: role ?? invitation?.role ?? "user",
      firstAdmin: plan.firstAdmin,
    });
    if (invitation) await recordRedemption(tx, { invitationId: invitation.id, userId: user.id });
    if (request.sso) {
      await linkAccount(tx, {
        provider: request.sso.provider,
        providerAccountId: request.sso.providerAccountId,
        userId: user.id,
      });
    }
    const detail = request.sso ? `via ${request.sso.provider}` : "with a password";
    await insertAuditEvent(tx, {
      action: "sign_up",
      actorId: user.id,
      subjectId: user.id,
      email: user.email,
      clientAddress: request.address,
      detail: `${detail}${user.role === "admin" ? ", as admin" : ""}`,
    });
    if (invitation) {
      await insertAuditEvent(tx, {
        action: "invitation_redeemed",
        actorId: user.id,
        subjectId: user.id,
        email: user.email,
        clientAddress: request.address,
        detail: `invitation ${invitation.id}`,
      });
    }
    return user;
  });
}
