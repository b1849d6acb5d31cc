import { type NextRequest, NextResponse } from "next/server";
import { isPublicPath } from "@/lib/auth/public-paths";
import { readSessionToken } from "@/lib/auth/session-token";
import { refuseUnreadableActionPost } from "@/lib/http/action-body-guard";
import { applySecurityHeaders, CSP_HEADER, newNonce, pagePolicy } from "@/lib/http/security-headers";

/**
 * Every page passes here. It gets a fresh CSP nonce (Next reads it from the request's CSP header
 * and puts it on its scripts) and the security headers; a signed-out visitor of a private page is
 * sent to sign in; a server-action POST that Next could only answer with a 500 gets its 4xx.
 * Nothing here sets a cookie: Auth.js's middleware re-issued the session cookie on every response,
 * public and cacheable ones included, and sessions are rows, so there is nothing to refresh.
 * Route handlers (/api, /media) are left out: route() sets their headers, and a proxy would copy
 * every upload body into memory before the route's own cap could refuse it.
 */
export async function proxy(request: NextRequest): Promise<Response> {
  const refused = await refuseUnreadableActionPost(request);
  if (refused) return refused;
  const policy = pagePolicy(newNonce(), { development: process.env.NODE_ENV === "development" });
  if (await mustSignIn(request)) {
    const { pathname, search } = request.nextUrl;
    const signIn = new URL("/sign-in", request.nextUrl);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return secured(NextResponse.redirect(signIn), policy);
  }
  const headers = new Headers(request.headers);
  headers.set(CSP_HEADER, policy);
  return secured(NextResponse.next({ request: { headers } }), policy);
}

async function mustSignIn(request: NextRequest): Promise<boolean> {
  if (isPublicPath(request.nextUrl.pathname)) return false;
  // A server action answers for itself ({ code: "unauthorized" }), which its caller can word; a
  // redirect would reach it as an unreadable HTML page.
  if (request.method === "POST" && request.headers.has("next-action")) return false;
  return !(await readSessionToken(request));
}

function secured(response: NextResponse, policy: string): NextResponse {
  applySecurityHeaders(response.headers, policy);
  return response;
}

export const config = {
  // Share images and previews are route handlers too (route() sets their headers).
  matcher: ["/((?!api/|media/|_next/|favicon.ico|s/[^/]+/(?:image|preview|display)).*)"],
};
