import type { Account, Profile } from "next-auth";
import { z } from "zod";
import type { SsoIdentity } from "./sso-sign-in";

const claimsSchema = z.object({
  email: z.string().nullish(),
  email_verified: z.union([z.boolean(), z.literal("true"), z.literal("false")]).nullish(),
  name: z.string().nullish(),
  preferred_username: z.string().nullish(),
  login: z.string().nullish(),
  groups: z.array(z.string()).nullish(),
});

/**
 * The facts we use from a provider's profile. Only OIDC's `email_verified` vouches for an email;
 * GitHub's profile email is treated as unverified, so it never merges into an existing account.
 */
export function ssoIdentityFrom(account: Account, profile: Profile | undefined): SsoIdentity {
  const claims = claimsSchema.safeParse(profile ?? {});
  const data = claims.success ? claims.data : {};
  return {
    provider: account.provider,
    providerAccountId: account.providerAccountId,
    email: data.email ?? null,
    emailVerified:
      account.provider === "oidc" && (data.email_verified === true || data.email_verified === "true"),
    name: data.name ?? data.preferred_username ?? data.login ?? null,
    groups: data.groups ?? [],
  };
}
