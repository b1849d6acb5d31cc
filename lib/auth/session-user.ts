import "server-only";
import { getToken } from "next-auth/jwt";
import { z } from "zod";
import { resolveAuthSecret } from "./secret";

const SECURE_COOKIE = "__Secure-authjs.session-token";
const subject = z.uuid();

/**
 * The signed-in user's id from the session cookie, for hot read-only routes (status polls, media).
 * It decodes the same encrypted JWT that `auth()` reads, through Auth.js's own `getToken`, without
 * running the whole session handler on every poll. Lookups it feeds are scoped by user id, so a
 * deleted account's cookie finds nothing.
 */
export async function getSessionUserId(request: Request): Promise<string | null> {
  const secureCookie = (request.headers.get("cookie") ?? "").includes(SECURE_COOKIE);
  const token = await getToken({ req: request, secret: resolveAuthSecret(), secureCookie });
  const parsed = subject.safeParse(token?.sub);
  return parsed.success ? parsed.data : null;
}
