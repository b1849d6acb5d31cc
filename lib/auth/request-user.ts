import "server-only";
import { getToken } from "next-auth/jwt";
import { z } from "zod";
import { getDb } from "@/db";
import { getLiveSession } from "@/db/queries/auth-sessions";
import { resolveAuthSecret } from "./secret";

export interface RequestUser {
  id: string;
  role: "admin" | "user";
}

const SECURE_COOKIE = "__Secure-authjs.session-token";
const tokenSchema = z.object({ sub: z.uuid(), sid: z.uuid() });

/**
 * The signed-in user of a route handler's request. Hot read-only routes (status polls, media) call
 * this on every request, so it decodes the cookie with Auth.js's own `getToken` (not the whole
 * session handler) and checks the session's row with one primary-key lookup, not a full user load.
 */
export async function getRequestUser(request: Request): Promise<RequestUser | null> {
  const secureCookie = (request.headers.get("cookie") ?? "").includes(SECURE_COOKIE);
  const token = await getToken({ req: request, secret: resolveAuthSecret(), secureCookie });
  const parsed = tokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const session = await getLiveSession(await getDb(), {
    sessionId: parsed.data.sid,
    userId: parsed.data.sub,
  });
  return session ? { id: parsed.data.sub, role: session.role } : null;
}
