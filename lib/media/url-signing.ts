import { createHmac, timingSafeEqual } from "node:crypto";

// A signed URL names one key until one instant; the signature covers both, so it is useless for any
// other file and after its expiry.

function signature(secret: string, key: string, expiresAt: number): string {
  return createHmac("sha256", secret).update(`${key}\n${expiresAt}`).digest("base64url");
}

export function signMediaKey(secret: string, key: string, expiresAt: number): { exp: string; sig: string } {
  return { exp: String(expiresAt), sig: signature(secret, key, expiresAt) };
}

export function verifyMediaSignature(
  secret: string,
  { key, exp, sig, now = Date.now() }: { key: string; exp: string | null; sig: string | null; now?: number },
): boolean {
  if (!exp || !sig || !/^\d{10,13}$/.test(exp)) return false;
  const expiresAt = Number(exp);
  if (expiresAt * 1000 < now) return false;
  const expected = Buffer.from(signature(secret, key, expiresAt));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** `${publicBaseUrl}/${key}?exp=…&sig=…`: the app's own route serves it, whichever driver holds the bytes. */
export function signedMediaUrl(
  { publicBaseUrl, signingSecret }: { publicBaseUrl: string; signingSecret: string },
  key: string,
  expiresInSeconds: number,
): string {
  const expiresAt = Math.floor(Date.now() / 1000) + expiresInSeconds;
  const { exp, sig } = signMediaKey(signingSecret, key, expiresAt);
  return `${publicBaseUrl}/${key}?exp=${exp}&sig=${sig}`;
}
