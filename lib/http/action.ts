import "server-only";
import { unstable_rethrow } from "next/navigation";
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

function invalidInput(error: z.ZodError): ActionResult<never> {
  const fields = fieldErrors(error);
  return {
    ok: false,
    error: { code: "invalid_input", message: Object.values(fields)[0] ?? "Check the form.", fields },
  };
}

async function settle<T>(name: string, run: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    // redirect() and friends are how Next ends an action on purpose: let them through.
    unstable_rethrow(error);
    return { ok: false, error: toActionError(error, name) };
  }
}

/** A server action anyone may call: parse the input, then act. */
export function validatedAction<S extends z.ZodType, T>(
  name: string,
  schema: S,
  run: (input: z.output<S>) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    return settle(name, () => run(parsed.data));
  };
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
    if (!parsed.success) return invalidInput(parsed.error);
    return settle(name, async () => run(parsed.data, await requireUser()));
  };
}

/**
 * An action for the admin only, the role read from the database on every call (a hidden button is
 * no check). The role is checked before the input, so others learn nothing about what it accepts.
 */
export function validatedAdminAction<S extends z.ZodType, T>(
  name: string,
  schema: S,
  run: (input: z.output<S>, admin: User) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    let admin: User;
    try {
      admin = await requireAdmin();
    } catch (error) {
      return { ok: false, error: toActionError(error, name) };
    }
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    return settle(name, () => run(parsed.data, admin));
  };
}
