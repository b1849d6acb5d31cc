"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import type { FormState } from "@/lib/http/form-action";
import { AuthField } from "./auth-field";

type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

interface AuthFormProps {
  mode: "sign-in" | "sign-up";
  action: FormAction;
  callbackUrl?: string;
  title?: string;
  /** Sign-up through an invitation: its token, and the email it is bound to, if any. */
  invitation?: { token: string; email: string | null };
  setupCodeRequired?: boolean;
  showSwitchLink?: boolean;
  minPasswordLength?: number;
}

export function AuthForm({
  mode,
  action,
  callbackUrl,
  title,
  invitation,
  setupCodeRequired = false,
  showSwitchLink = true,
  minPasswordLength = 10,
}: AuthFormProps) {
  const [state, formAction, pending] = useActionState(action, {});
  const signUp = mode === "sign-up";
  return (
    <form action={formAction} className="space-y-4">
      <h1 className="text-xl font-semibold">{title ?? (signUp ? "Create your account" : "Sign in")}</h1>
      <FormAlert message={state.error} />
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      {invitation && <input type="hidden" name="invitation" value={invitation.token} />}
      {setupCodeRequired && (
        <AuthField
          label="Setup code"
          name="setupCode"
          autoComplete="off"
          hint="Printed in the server's log when it starts, until an admin exists."
          error={state.fields?.setupCode}
        />
      )}
      {signUp && (
        <AuthField
          label="Name (optional)"
          name="name"
          autoComplete="name"
          maxLength={80}
          required={false}
          error={state.fields?.name}
        />
      )}
      <AuthField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={invitation?.email ?? state.email}
        readOnly={Boolean(invitation?.email)}
        error={state.fields?.email}
      />
      <AuthField
        label="Password"
        name="password"
        type="password"
        minLength={signUp ? minPasswordLength : undefined}
        autoComplete={signUp ? "new-password" : "current-password"}
        hint={signUp ? `At least ${minPasswordLength} characters, and not a common password.` : undefined}
        error={state.fields?.password}
      />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Please wait…" : signUp ? "Create account" : "Sign in"}
      </Button>
      {showSwitchLink && (
        <p className="text-center text-sm text-zinc-600">
          {signUp ? (
            <>
              Already have an account?{" "}
              <Link href="/sign-in" className="font-medium text-violet-700 underline">
                Sign in
              </Link>
            </>
          ) : (
            <>
              New here?{" "}
              <Link href="/sign-up" className="font-medium text-violet-700 underline">
                Create an account
              </Link>
            </>
          )}
        </p>
      )}
    </form>
  );
}
