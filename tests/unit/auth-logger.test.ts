import { CallbackRouteError, CredentialsSignin } from "@auth/core/errors";
import { afterEach, describe, expect, it, vi } from "vitest";
import { authLogger } from "@/lib/auth/auth-logger";

// As in lib/auth/password-sign-in.ts (which imports next-auth, not loadable outside Next).
class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

describe("Auth.js's logger", () => {
  afterEach(() => vi.restoreAllMocks());

  function printed(run: () => void): string {
    const lines: unknown[][] = [];
    for (const method of ["log", "warn", "error", "info", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args);
      });
    }
    run();
    return lines.map((args) => args.map(String).join(" ")).join("\n");
  }

  it("prints nothing for a wrong or throttled password, however Auth.js wraps it", () => {
    // What the callback route passes on: the thrown error under `cause.err`.
    const wrapped = Object.assign(new CallbackRouteError(), { cause: { err: new CredentialsSignin() } });
    expect(printed(() => authLogger.error?.(new CredentialsSignin()))).toBe("");
    expect(printed(() => authLogger.error?.(new ThrottledSignIn()))).toBe("");
    expect(printed(() => authLogger.error?.(wrapped))).toBe("");
  });

  it("prints one line without a stack or message for a real failure", () => {
    const failure = new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2");
    const output = printed(() => authLogger.error?.(failure));
    expect(output.split("\n")).toHaveLength(1);
    expect(output).toMatch(/^\[auth\] error error=Error$/);
    expect(output).not.toContain("at ");
    expect(output).not.toContain("hunter2");
  });
});
