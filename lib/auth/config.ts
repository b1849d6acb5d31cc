import type { NextAuthConfig } from "next-auth";

// The part of the auth setup that the proxy may load: no database, no password hashing.
// Route handlers and server actions check the session themselves (against its database row);
// the proxy only spares signed-out visitors a page they cannot use.
// Share links (/s/…) are public by design; the token is the whole credential.
export const PUBLIC_PATHS = ["/sign-in", "/sign-up", "/invite/", "/s/"];

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;

export const authConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      if (PUBLIC_PATHS.some((path) => request.nextUrl.pathname.startsWith(path))) return true;
      return Boolean(auth?.user?.id);
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.user.role = token.role === "admin" ? "admin" : "user";
      session.sid = typeof token.sid === "string" ? token.sid : undefined;
      return session;
    },
  },
} satisfies NextAuthConfig;
