import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { User } from "@/db/schema";
import { requireUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { logEvent } from "@/lib/logging/log";
import { fieldErrors } from "./action";

/** What a form posted through `useActionState` shows next. */
export interface FormState {
  error?: string;
  fields?: Record<string, string>;
  email?: string;
  done?: string;
}

const textEntries = (formData: FormData) =>
  Object.fromEntries(
    [...formData.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );

function failed(error: unknown, name: string): FormState {
  // Redirects (signIn, redirect()) are how a form succeeds: they must reach Next untouched.
  unstable_rethrow(error);
  if (error instanceof AppError) return { error: error.message };
  logEvent("action", `${name} failed`, {}, error);
  return { error: "Something went wrong on our side. Try again in a moment." };
}

/**
 * A public form action (sign-in, sign-up): parse the form's text fields with zod, then act.
 * `invalid` words a refused form; by default each field gets its first message.
 */
export function formAction<S extends z.ZodType>(
  name: string,
  schema: S,
  run: (input: z.output<S>, formData: FormData) => Promise<FormState>,
  invalid: (error: z.ZodError, formData: FormData) => FormState = (error) => ({ fields: fieldErrors(error) }),
): (state: FormState, formData: FormData) => Promise<FormState> {
  return async (_state, formData) => {
    const parsed = schema.safeParse(textEntries(formData));
    if (!parsed.success) return invalid(parsed.error, formData);
    try {
      return await run(parsed.data, formData);
    } catch (error) {
      return failed(error, name);
    }
  };
}

/** The same for a signed-in user; `admin` also checks the role on the server. */
export function formActionWithUser<S extends z.ZodType>(
  name: string,
  schema: S,
  run: (input: z.output<S>, user: User) => Promise<FormState>,
  { admin = false }: { admin?: boolean } = {},
): (state: FormState, formData: FormData) => Promise<FormState> {
  return async (_state, formData) => {
    const parsed = schema.safeParse(textEntries(formData));
    if (!parsed.success) return { fields: fieldErrors(parsed.error) };
    try {
      const user = await requireUser();
      if (admin && user.role !== "admin") throw new AppError("forbidden", "Only an admin can do that.");
      return await run(parsed.data, user);
    } catch (error) {
      return failed(error, name);
    }
  };
}
