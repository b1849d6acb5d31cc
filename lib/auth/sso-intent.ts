import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { z } from "zod";
import { env } from "@/lib/config/env";
import { deriveSecret } from "./secret";

// What a person meant when they left for their identity provider: redeem an invitation, make the
// first admin with the setup code, or link the provider to the account they are signed in to.
// Kept in a short-lived signed cookie, because the provider sends them back with nothing else.
const intentSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("invite"), token: z.string().max(100) }),
  z.object({ kind: z.literal("setup") }),
  z.object({ kind: z.literal("link"), userId: z.uuid() }),
]);
export type SsoIntent = z.infer<typeof intentSchema>;

const COOKIE = "seedream-sso-intent";
const MAX_AGE_SECONDS = 10 * 60;
const envelope = z.object({ intent: intentSchema, exp: z.number() });

const sign = (payload: string) =>
  createHmac("sha256", deriveSecret("sso-intent")).update(payload).digest("base64url");

export async function setSsoIntent(intent: SsoIntent): Promise<void> {
  const payload = Buffer.from(JSON.stringify({ intent, exp: Date.now() + MAX_AGE_SECONDS * 1000 })).toString(
    "base64url",
  );
  (await cookies()).set(COOKIE, `${payload}.${sign(payload)}`, {
    httpOnly: true,
    sameSite: "lax",
    secure: env().APP_URL.startsWith("https:"),
    path: "/",
    maxAge: MAX_AGE_SECONDS,
  });
}

/** Reads and forgets the intent: it serves one sign-in only. */
export async function takeSsoIntent(): Promise<SsoIntent | null> {
  const jar = await cookies();
  const value = jar.get(COOKIE)?.value;
  if (!value) return null;
  jar.delete(COOKIE);
  const [payload = "", signature = ""] = value.split(".");
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = envelope.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return parsed.success && parsed.data.exp > Date.now() ? parsed.data.intent : null;
  } catch {
    return null;
  }
}
