import "server-only";
import { getDb } from "@/db";
import { getLiveSession } from "@/db/queries/auth-sessions";
import { readSessionToken } from "./session-token";

export interface RequestUser {
  id: string;
  role: "admin" | "user";
}

/**
 * The signed-in user of a route handler's request. Hot read-only routes (status polls, media) call
 * this on every request, so it decodes the cookie with Auth.js's own `getToken` (not the whole
 * session handler) and checks the session's row with one primary-key lookup, not a full user load.
 */
export async function getRequestUser(request: Request): Promise<RequestUser | null> {
  const token = await readSessionToken(request);
  if (!token) return null;
  const session = await getLiveSession(await getDb(), { sessionId: token.sid, userId: token.sub });
  return session ? { id: token.sub, role: session.role } : null;
}
