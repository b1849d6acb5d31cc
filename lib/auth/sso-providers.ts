import { z } from "zod";
import { env } from "@/lib/config/env";

export interface SsoProvider {
  id: "oidc" | "github";
  name: string;
}

/** The single sign-on buttons to show, in the order the settings name them. */
export function enabledSsoProviders(): SsoProvider[] {
  const settings = env();
  return [
    ...(settings.AUTH_OIDC_ISSUER ? [{ id: "oidc" as const, name: settings.AUTH_OIDC_NAME }] : []),
    ...(settings.AUTH_GITHUB_ID ? [{ id: "github" as const, name: "GitHub" }] : []),
  ];
}

export const ssoStartSchema = z.object({
  provider: z.enum(["oidc", "github"]),
  invitation: z.string().max(100).optional(),
  setupCode: z.string().max(40).optional(),
  link: z.literal("1").optional(),
});
