import "server-only";
import { headers } from "next/headers";
import NextAuth, { type NextAuthConfig } from "next-auth";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { getDb } from "@/db";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { createAuthSession, deleteAuthSession } from "@/db/queries/auth-sessions";
import { env } from "@/lib/config/env";
import { authLogger } from "./auth-logger";
import { clientAddress } from "./client-address";
import { authConfig, SESSION_MAX_AGE_SECONDS } from "./config";
import { authorizePassword } from "./password-sign-in";
import { resolveAuthSecret } from "./secret";
import { takeSsoIntent } from "./sso-intent";
import { ssoIdentityFrom } from "./sso-profile";
import { resolveSsoSignIn } from "./sso-sign-in";

function providers(): Provider[] {
  const settings = env();
  const list: Provider[] = [];
  if (settings.AUTH_PASSWORD_LOGIN) {
    list.push(
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(raw, request) {
          const user = await authorizePassword(await getDb(), raw, clientAddress(request.headers));
          return user && { id: user.id, email: user.email, name: user.name, role: user.role };
        },
      }),
    );
  }
  if (settings.AUTH_OIDC_ISSUER && settings.AUTH_OIDC_ID && settings.AUTH_OIDC_SECRET) {
    list.push({
      id: "oidc",
      name: settings.AUTH_OIDC_NAME,
      type: "oidc",
      // Compared exactly with the issuer that discovery returns (oauth4webapi refuses a mismatch).
      issuer: settings.AUTH_OIDC_ISSUER,
      clientId: settings.AUTH_OIDC_ID,
      clientSecret: settings.AUTH_OIDC_SECRET,
      checks: ["pkce", "state", "nonce"],
      authorization: { params: { scope: "openid email profile groups" } },
    });
  }
  if (settings.AUTH_GITHUB_ID && settings.AUTH_GITHUB_SECRET) {
    list.push(GitHub({ clientId: settings.AUTH_GITHUB_ID, clientSecret: settings.AUTH_GITHUB_SECRET }));
  }
  return list;
}

function fullConfig(): NextAuthConfig {
  // Redirect URIs and action URLs come from APP_URL only, never from the request's Host headers.
  process.env.AUTH_URL = `${env().APP_URL}/api/auth`;
  return {
    ...authConfig,
    secret: resolveAuthSecret(),
    providers: providers(),
    logger: authLogger,
    callbacks: {
      ...authConfig.callbacks,
      async signIn({ user, account, profile }) {
        if (!account || account.provider === "credentials") return true;
        const result = await resolveSsoSignIn(await getDb(), ssoIdentityFrom(account, profile), {
          intent: await takeSsoIntent(),
          address: clientAddress(await headers()),
        });
        if (!result.ok) return `/sign-in?error=${result.refusal}`;
        // Without an adapter, this object is what the jwt callback receives: make it our user.
        user.id = result.user.id;
        user.email = result.user.email;
        user.name = result.user.name;
        user.role = result.user.role;
        return true;
      },
      async jwt({ token, user }) {
        if (!user?.id) return token;
        const sid = await createAuthSession(await getDb(), {
          userId: user.id,
          expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
        });
        return { ...token, sub: user.id, role: user.role, sid };
      },
    },
    events: {
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (!token?.sid) return;
        const db = await getDb();
        await deleteAuthSession(db, token.sid);
        await insertAuditEvent(db, {
          action: "sign_out",
          actorId: token.sub ?? null,
          subjectId: token.sub ?? null,
        });
      },
    },
  };
}

// Lazy, so that `next build` neither reads nor writes the secret.
export const { handlers, auth, signIn, signOut } = NextAuth(fullConfig);
