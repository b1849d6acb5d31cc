import { describe, expect, it } from "vitest";
import { signMediaKey, verifyMediaSignature } from "@/lib/media/url-signing";

const secret = "test-secret";
const key = "users/u1/uploads/a.png";
const inAnHour = Math.floor(Date.now() / 1000) + 3600;

describe("media URL signing", () => {
  it("accepts its own signature before expiry", () => {
    const { exp, sig } = signMediaKey(secret, key, inAnHour);
    expect(verifyMediaSignature(secret, { key, exp, sig })).toBe(true);
  });

  it("refuses after expiry", () => {
    const { exp, sig } = signMediaKey(secret, key, inAnHour);
    expect(verifyMediaSignature(secret, { key, exp, sig, now: (inAnHour + 1) * 1000 })).toBe(false);
  });

  it("is useless for another file, another expiry or another secret", () => {
    const { exp, sig } = signMediaKey(secret, key, inAnHour);
    expect(verifyMediaSignature(secret, { key: "users/u2/uploads/a.png", exp, sig })).toBe(false);
    expect(verifyMediaSignature(secret, { key, exp: String(inAnHour + 60), sig })).toBe(false);
    expect(verifyMediaSignature("other", { key, exp, sig })).toBe(false);
  });

  it("refuses missing or malformed parameters", () => {
    expect(verifyMediaSignature(secret, { key, exp: null, sig: null })).toBe(false);
    expect(verifyMediaSignature(secret, { key, exp: "soon", sig: "x" })).toBe(false);
  });
});
