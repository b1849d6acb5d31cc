import { getToken } from "next-auth/jwt";
import { z } from "zod";
import { resolveAuthSecret } from "./secret";

const SECURE_COOKIE = "__Secure-authjs.session-token";
const tokenSchema = z.object({ sub: z.uuid(), sid: z.uuid() });

export type SessionToken = z.infer<typeof tokenSchema>;

/**
 * The claims of the request's session cookie, decrypted and checked for shape, or null. Only reads:
 * nothing here re-issues or refreshes a cookie. Whether the session's row still lives is the
 * caller's question (getRequestUser, getCurrentUser); the proxy needs only "is anyone signed in".
 */
export async function readSessionToken(request: Request): Promise<SessionToken | null> {
  const secureCookie = (request.headers.get("cookie") ?? "").includes(SECURE_COOKIE);
  const token = await getToken({ req: request, secret: resolveAuthSecret(), secureCookie });
  const parsed = tokenSchema.safeParse(token);
  return parsed.success ? parsed.data : null;
}
