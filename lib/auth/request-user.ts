import "server-only";
import { getToken } from "next-auth/jwt";
import { z } from "zod";
import { resolveAuthSecret } from "./secret";

export interface RequestUser {
  id: string;
  role: "admin" | "user";
}

const SECURE_COOKIE = "__Secure-authjs.session-token";
const tokenSchema = z.object({ sub: z.uuid(), role: z.enum(["admin", "user"]).optional() });

/**
 * The signed-in user of a route handler's request, from the session cookie alone: hot read-only
 * routes (status polls, media) call this on every request, so it must stay cheap.
 */
export async function getRequestUser(request: Request): Promise<RequestUser | null> {
  const secureCookie = (request.headers.get("cookie") ?? "").includes(SECURE_COOKIE);
  const token = await getToken({ req: request, secret: resolveAuthSecret(), secureCookie });
  const parsed = tokenSchema.safeParse(token);
  return parsed.success ? { id: parsed.data.sub, role: parsed.data.role ?? "user" } : null;
}
