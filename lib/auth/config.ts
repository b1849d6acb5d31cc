import type { NextAuthConfig } from "next-auth";

// The part of the auth setup that the proxy may load: no database, no password hashing.
// Route handlers and server actions check the session themselves; the proxy only spares
// signed-out visitors a page they cannot use.
// Share links (/s/…) are public by design; the token is the whole credential.
export const PUBLIC_PATHS = ["/sign-in", "/sign-up", "/s/"];

export const authConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/sign-in" },
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      if (PUBLIC_PATHS.some((path) => request.nextUrl.pathname.startsWith(path))) return true;
      return Boolean(auth?.user?.id);
    },
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.user.role = token.role === "admin" ? "admin" : "user";
      return session;
    },
  },
} satisfies NextAuthConfig;
