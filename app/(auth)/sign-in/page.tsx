import type { Metadata } from "next";
import { AuthForm } from "@/components/auth/auth-form";
import { SsoButtons } from "@/components/auth/sso-buttons";
import { safeCallbackPath } from "@/lib/auth/credentials";
import { signInMessage } from "@/lib/auth/sign-in-messages";
import { enabledSsoProviders } from "@/lib/auth/sso-providers";
import { env } from "@/lib/config/env";
import { signInAction, startSsoAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl, error } = await searchParams;
  const target = safeCallbackPath(
    typeof callbackUrl === "string" ? new URL(callbackUrl, "http://x").pathname : undefined,
  );
  const message = signInMessage(typeof error === "string" ? error : undefined);
  const providers = enabledSsoProviders();
  const passwords = env().AUTH_PASSWORD_LOGIN;
  return (
    <div className="space-y-6">
      {message && (
        <p role="status" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {message}
        </p>
      )}
      {passwords ? (
        <AuthForm mode="sign-in" action={signInAction} callbackUrl={target} />
      ) : (
        <h1 className="text-xl font-semibold">Sign in</h1>
      )}
      {providers.length > 0 && passwords && <p className="text-center text-xs text-zinc-600">or</p>}
      <SsoButtons providers={providers} action={startSsoAction} />
    </div>
  );
}
