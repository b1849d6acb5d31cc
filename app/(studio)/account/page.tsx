import type { Metadata } from "next";
import { ChangePasswordForm, LinkProviders } from "@/components/account/account-forms";
import { getDb } from "@/db";
import { listAccountsForUser } from "@/db/queries/accounts";
import { requireUser } from "@/lib/auth/current-user";
import { enabledSsoProviders } from "@/lib/auth/sso-providers";
import { env } from "@/lib/config/env";
import { changePasswordAction, linkSsoAction } from "./actions";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser();
  const linked = new Set(
    (await listAccountsForUser(await getDb(), user.id)).map((account) => account.provider),
  );
  const providers = enabledSsoProviders();
  const unlinked = providers.filter((provider) => !linked.has(provider.id));
  const methods = [
    ...(user.passwordHash ? ["Password"] : []),
    ...providers.filter((provider) => linked.has(provider.id)).map((provider) => provider.name),
  ];
  return (
    <div className="max-w-2xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Your account</h1>
        <p className="mt-1 text-sm text-zinc-700">
          {user.email}
          {user.name && ` · ${user.name}`} · {user.role}
        </p>
      </div>
      <section aria-labelledby="methods-heading" className="space-y-3">
        <h2 id="methods-heading" className="text-lg font-semibold">
          Sign-in methods
        </h2>
        <p className="text-sm text-zinc-700">{methods.join(", ") || "None"}</p>
        {unlinked.length > 0 && <LinkProviders providers={unlinked} action={linkSsoAction} />}
      </section>
      {env().AUTH_PASSWORD_LOGIN && (
        <section aria-labelledby="password-heading" className="space-y-3">
          <h2 id="password-heading" className="text-lg font-semibold">
            Password
          </h2>
          <ChangePasswordForm action={changePasswordAction} hasPassword={user.passwordHash !== null} />
        </section>
      )}
    </div>
  );
}
