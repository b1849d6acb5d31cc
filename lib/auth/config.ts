import type { NextAuthConfig } from "next-auth";

// The database-free part of the auth setup. Route handlers and server actions check the session
// themselves (against its database row); the proxy only reads the cookie (lib/auth/session-token).
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;

export const authConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [],
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.user.role = token.role === "admin" ? "admin" : "user";
      session.sid = typeof token.sid === "string" ? token.sid : undefined;
      return session;
    },
  },
} satisfies NextAuthConfig;
