import type { NextAuthConfig } from "next-auth";
import { logEvent } from "@/lib/logging/log";

// Auth.js errors carry their kind in `type`; subclasses such as ThrottledSignIn keep their
// parent's type but not its name.
const typeOf = (error: unknown): unknown => (error as { type?: unknown } | undefined)?.type;

/** A wrong password (or a throttled one), as thrown or as wrapped by Auth.js's callback route. */
function isRejectedCredentials(error: Error): boolean {
  return (
    typeOf(error) === "CredentialsSignin" ||
    typeOf((error as { cause?: { err?: unknown } }).cause?.err) === "CredentialsSignin"
  );
}

// Auth.js prints every error with its stack by default: a wrong password became 30 lines in a
// newcomer's terminal. A wrong password is a normal event and prints nothing (the throttle counts
// it); any other failure prints one line with its name and code, never its message.
export const authLogger: NonNullable<NextAuthConfig["logger"]> = {
  error: (error) => {
    if (isRejectedCredentials(error)) return;
    logEvent("auth", "error", {}, error);
  },
  warn: () => {},
  debug: () => {},
};
