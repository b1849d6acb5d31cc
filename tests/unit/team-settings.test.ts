import { describe, expect, it } from "vitest";
import { isLoopbackOrigin } from "@/lib/auth/loopback";
import { isCommonPassword, newPasswordSchema } from "@/lib/auth/password-policy";
import { signInMessage } from "@/lib/auth/sign-in-messages";
import { throttleMessage } from "@/lib/auth/throttle";
import { parseEnv, signupMode } from "@/lib/config/env";

const failure = (source: Record<string, string>) => {
  try {
    parseEnv(source);
    return "";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

describe("team settings", () => {
  it("signs up openly with the simulator and by invitation once a real key spends money", () => {
    expect(signupMode(parseEnv({}))).toBe("open");
    expect(signupMode(parseEnv({ SEEDREAM_API_KEY: "aio_realkey123" }))).toBe("invite");
    expect(signupMode(parseEnv({ SEEDREAM_API_KEY: "aio_realkey123", SIGNUP_MODE: "open" }))).toBe("open");
    expect(signupMode(parseEnv({ SIGNUP_MODE: "closed" }))).toBe("closed");
  });

  it("stops start-up naming each bad team setting", () => {
    expect(failure({ SIGNUP_MODE: "everyone" })).toContain("SIGNUP_MODE: must be open, invite or closed");
    expect(failure({ TRUST_PROXY: "yes" })).toContain("TRUST_PROXY: must be true or false");
    expect(failure({ SIGNUP_ALLOWED_DOMAINS: "example.com,not a domain" })).toContain(
      "SIGNUP_ALLOWED_DOMAINS",
    );
    expect(failure({ AUTH_OIDC_ISSUER: "https://sso.example.com" })).toContain("AUTH_OIDC_ID: is required");
    expect(failure({ AUTH_GITHUB_ID: "abc" })).toContain("AUTH_GITHUB_SECRET: is required");
    expect(failure({ AUTH_PASSWORD_LOGIN: "false" })).toContain("AUTH_PASSWORD_LOGIN: can only be false");
    const secret = "oidc-client-secret-value";
    expect(failure({ AUTH_OIDC_SECRET: secret })).not.toContain(secret);
  });

  it("reads lists and switches", () => {
    const settings = parseEnv({
      SIGNUP_ALLOWED_DOMAINS: " Example.com, team.example.org ",
      AUTH_PASSWORD_LOGIN: "false",
      AUTH_GITHUB_ID: "id",
      AUTH_GITHUB_SECRET: "secret",
      TRUST_PROXY: "1",
    });
    expect(settings.SIGNUP_ALLOWED_DOMAINS).toEqual(["example.com", "team.example.org"]);
    expect(settings.AUTH_PASSWORD_LOGIN).toBe(false);
    expect(settings.TRUST_PROXY).toBe(true);
    expect(settings.AUTH_OIDC_NAME).toBe("Single sign-on");
  });

  it("needs no setup code only where nobody else can reach the server", () => {
    for (const origin of [
      "http://localhost:3000",
      "http://127.0.0.1:8080",
      "http://[::1]:3000",
      "http://app.localhost",
    ]) {
      expect(isLoopbackOrigin(origin), origin).toBe(true);
    }
    for (const origin of [
      "https://studio.example.com",
      "http://192.168.1.20:3000",
      "http://10.0.0.5",
      "http://localhost.evil.com",
    ]) {
      expect(isLoopbackOrigin(origin), origin).toBe(false);
    }
  });

  it("refuses short and common passwords", () => {
    expect(isCommonPassword("Password123")).toBe(true);
    expect(newPasswordSchema.safeParse("short").success).toBe(false);
    expect(newPasswordSchema.safeParse("qwertyuiop").success).toBe(false);
    expect(newPasswordSchema.safeParse("1234567890").success).toBe(false);
    expect(newPasswordSchema.safeParse("correct horse battery").success).toBe(true);
  });

  it("words waits and refusals without saying whether an account exists", () => {
    const now = Date.parse("2026-11-26T10:00:00Z");
    expect(throttleMessage(new Date(now + 30_000), now)).toBe(
      "Too many attempts. Try again in 30 s (after 10:00 UTC).",
    );
    expect(throttleMessage(new Date(now + 4 * 60_000), now)).toBe(
      "Too many attempts. Try again in 4 min (after 10:04 UTC).",
    );
    expect(signInMessage("sso_not_invited")).toContain("invite-only");
    expect(signInMessage("OAuthCallbackError")).toContain("Sign-in did not complete");
    expect(signInMessage(undefined)).toBeNull();
  });
});
