import "server-only";
import type { z } from "zod";
import type { User } from "@/db/schema";
import { requireAdmin, requireUser } from "@/lib/auth/current-user";
import { AppError, type ErrorCode } from "@/lib/errors";
import { logEvent } from "@/lib/logging/log";

export type ActionError = { code: ErrorCode; message: string; fields?: Record<string, string> };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    fields[key] ??= issue.message;
  }
  return fields;
}

export function toActionError(error: unknown, context: string): ActionError {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  logEvent("action", `${context} failed`, {}, error);
  return { code: "internal", message: "Something went wrong on our side. Try again in a moment." };
}

/**
 * A server action is a public POST endpoint: parse the input, then authenticate, then act.
 * Ownership checks belong to `run`, which receives the signed-in user.
 */
export function validatedActionWithUser<S extends z.ZodType, T>(
  name: string,
  schema: S,
  run: (input: z.output<S>, user: User) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error);
      return {
        ok: false,
        error: { code: "invalid_input", message: Object.values(fields)[0] ?? "Check the form.", fields },
      };
    }
    try {
      const user = await requireUser();
      return { ok: true, data: await run(parsed.data, user) };
    } catch (error) {
      return { ok: false, error: toActionError(error, name) };
    }
  };
}

/** As `validatedActionWithUser`, for admins only: the role is checked on the server, every call. */
export function validatedAdminAction<S extends z.ZodType, T>(
  name: string,
  schema: S,
  run: (input: z.output<S>, admin: User) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    try {
      const admin = await requireAdmin();
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        const fields = fieldErrors(parsed.error);
        return {
          ok: false,
          error: { code: "invalid_input", message: Object.values(fields)[0] ?? "Check the form.", fields },
        };
      }
      return { ok: true, data: await run(parsed.data, admin) };
    } catch (error) {
      return { ok: false, error: toActionError(error, name) };
    }
  };
}
