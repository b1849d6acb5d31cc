import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { AuthForm } from "@/components/auth/auth-form";
import { SsoButtons } from "@/components/auth/sso-buttons";
import { getDb } from "@/db";
import { getInvitationByTokenHash, invitationState } from "@/db/queries/invitations";
import { hashInvitationToken, invitationTokenPattern } from "@/lib/auth/invitation-token";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { invitationMessage } from "@/lib/auth/sign-up";
import { enabledSsoProviders } from "@/lib/auth/sso-providers";
import { env, signupMode } from "@/lib/config/env";
import { signUpAction, startSsoAction } from "../../actions";

export const metadata: Metadata = { title: "Accept an invitation", robots: { index: false } };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const invitation = invitationTokenPattern.test(token)
    ? await getInvitationByTokenHash(await getDb(), hashInvitationToken(token))
    : undefined;
  const state = signupMode() === "closed" ? "closed" : invitationState(invitation);
  if (state !== "usable" || !invitation) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">This invitation cannot be used</h1>
        <p role="alert" className="text-sm text-zinc-700">
          {state === "closed"
            ? "Sign-up is closed on this studio. Ask an admin to create an account for you."
            : invitationMessage(state === "usable" ? "unknown" : state)}
        </p>
        <Link href="/sign-in" className="text-sm font-medium text-violet-700 underline">
          Sign in instead
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <p className="rounded-lg bg-violet-50 px-3 py-2 text-sm text-violet-900">
        You are invited to this studio{invitation.role === "admin" ? " as an admin" : ""}.
        {invitation.email && ` The invitation is for ${invitation.email}.`}
      </p>
      {env().AUTH_PASSWORD_LOGIN && (
        <AuthForm
          mode="sign-up"
          title="Accept your invitation"
          action={signUpAction}
          invitation={{ token, email: invitation.email }}
          minPasswordLength={MIN_PASSWORD_LENGTH}
        />
      )}
      <SsoButtons providers={enabledSsoProviders()} action={startSsoAction} invitation={token} />
    </div>
  );
}
