"use client";

import { useActionState } from "react";
import { AuthField } from "@/components/auth/auth-field";
import { SsoButtons } from "@/components/auth/sso-buttons";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import type { SsoProvider } from "@/lib/auth/sso-providers";
import type { FormState } from "@/lib/http/form-action";

type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

export function LinkProviders({ providers, action }: { providers: SsoProvider[]; action: FormAction }) {
  return <SsoButtons providers={providers} action={action} label="Link" inline />;
}

export function ChangePasswordForm({ action, hasPassword }: { action: FormAction; hasPassword: boolean }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="max-w-sm space-y-3">
      <FormAlert message={state.error} />
      {hasPassword && (
        <AuthField
          label="Current password"
          name="current"
          type="password"
          autoComplete="current-password"
          error={state.fields?.current}
        />
      )}
      <AuthField
        label="New password"
        name="password"
        type="password"
        minLength={10}
        autoComplete="new-password"
        hint="At least 10 characters, and not a common password. Every other browser is signed out."
        error={state.fields?.password}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : hasPassword ? "Change password" : "Set a password"}
      </Button>
    </form>
  );
}
