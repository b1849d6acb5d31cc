import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { AuthForm } from "@/components/auth/auth-form";
import { SsoButtons } from "@/components/auth/sso-buttons";
import { getDb } from "@/db";
import { hasActiveAdmin } from "@/db/queries/users";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { setupCodeRequired } from "@/lib/auth/setup-code";
import { enabledSsoProviders } from "@/lib/auth/sso-providers";
import { env, signupMode } from "@/lib/config/env";
import { signUpAction, startSsoAction } from "../actions";

export const metadata: Metadata = { title: "Create an account" };

function Closed({ children }: { children: React.ReactNode }) {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Create an account</h1>
      <p className="text-sm text-zinc-700">{children}</p>
      <p className="text-sm text-zinc-600">
        Have an account?{" "}
        <Link href="/sign-in" className="font-medium text-violet-700 underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}

export default async function SignUpPage() {
  await connection();
  const settings = env();
  const providers = enabledSsoProviders();
  const passwords = settings.AUTH_PASSWORD_LOGIN;
  if (!(await hasActiveAdmin(await getDb()))) {
    const codeRequired = setupCodeRequired();
    return (
      <div className="space-y-6">
        <p className="rounded-lg bg-violet-50 px-3 py-2 text-sm text-violet-900">
          This studio has no admin yet: the account you create now becomes its admin.
          {codeRequired && " Enter the setup code that the server printed in its log."}
        </p>
        {passwords && (
          <AuthForm
            mode="sign-up"
            title="Set up your studio"
            action={signUpAction}
            setupCodeRequired={codeRequired}
            minPasswordLength={MIN_PASSWORD_LENGTH}
          />
        )}
        <SsoButtons providers={providers} action={startSsoAction} setupCodeRequired={codeRequired} />
      </div>
    );
  }
  const mode = signupMode(settings);
  if (mode === "closed") {
    return <Closed>Sign-up is closed on this studio. Ask an admin to create an account for you.</Closed>;
  }
  if (mode === "invite") {
    const domains = settings.SIGNUP_ALLOWED_DOMAINS;
    return (
      <div className="space-y-6">
        <Closed>
          This studio is invite-only. Ask an admin for an invitation link, then open it to create your
          account.
        </Closed>
        {domains.length > 0 && providers.length > 0 && (
          <div className="space-y-2">
            <p className="text-sm text-zinc-700">
              People with an email at {domains.join(", ")} can join with:
            </p>
            <SsoButtons providers={providers} action={startSsoAction} />
          </div>
        )}
      </div>
    );
  }
  return (
    <div className="space-y-6">
      {passwords && <AuthForm mode="sign-up" action={signUpAction} minPasswordLength={MIN_PASSWORD_LENGTH} />}
      <SsoButtons providers={providers} action={startSsoAction} />
    </div>
  );
}
