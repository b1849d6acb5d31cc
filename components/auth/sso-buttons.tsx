"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import type { SsoProvider } from "@/lib/auth/sso-providers";
import type { FormState } from "@/lib/http/form-action";
import { AuthField } from "./auth-field";

type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

/** One button per provider; each posts what the person came to do along with it. */
export function SsoButtons({
  providers,
  action,
  invitation,
  setupCodeRequired = false,
  label = "Continue with",
  inline = false,
}: {
  providers: SsoProvider[];
  action: FormAction;
  invitation?: string;
  setupCodeRequired?: boolean;
  label?: string;
  /** Buttons as wide as their words (beside other settings), not the sign-in pages' full width. */
  inline?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  if (providers.length === 0) return null;
  return (
    <form action={formAction} className="space-y-3">
      <FormAlert message={state.error} />
      {invitation && <input type="hidden" name="invitation" value={invitation} />}
      {setupCodeRequired && (
        <AuthField
          label="Setup code"
          name="setupCode"
          id="sso-setup-code"
          autoComplete="off"
          error={state.fields?.setupCode}
        />
      )}
      {providers.map((provider) => (
        <Button
          key={provider.id}
          type="submit"
          name="provider"
          value={provider.id}
          disabled={pending}
          variant="secondary"
          className={inline ? "" : "w-full"}
        >
          {label} {provider.name}
        </Button>
      ))}
    </form>
  );
}
