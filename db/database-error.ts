import { describeError } from "@/lib/logging/log";

/**
 * A database failure that is safe to let reach the framework, which logs whatever it is thrown
 * whole: drizzle's own error holds the query's parameters (an email, a password hash) in its
 * message, so only the SQLSTATE is kept and the original is dropped, not attached as `cause`.
 */
export class DatabaseError extends Error {
  readonly code: string | null;

  constructor(operation: string, original: unknown) {
    const { code } = describeError(original);
    super(`${operation} failed${code ? ` (SQLSTATE ${code})` : ""}`);
    this.name = "DatabaseError";
    this.code = code ?? null;
  }
}
