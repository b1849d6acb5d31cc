import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";
import { resolveAuthSecret } from "@/lib/auth/secret";

const { auth } = NextAuth(() => ({ ...authConfig, secret: resolveAuthSecret() }));

// Pages only: API routes and media answer for themselves (401/404 rather than a redirect).
export default auth;

export const config = {
  matcher: ["/((?!api/|media/|_next/|favicon.ico|icon.svg|robots.txt).*)"],
};
