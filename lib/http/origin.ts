import { env } from "@/lib/config/env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a state-changing request comes from another site. Browsers send Origin with every POST,
 * so a page elsewhere cannot post here with the user's cookies; server-to-server callers send none
 * and are judged by their credentials instead.
 */
export function isCrossSiteWrite(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const origin = request.headers.get("origin");
  return origin !== null && origin !== new URL(env().APP_URL).origin;
}
