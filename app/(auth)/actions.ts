"use server";

import { AuthError } from "next-auth";
import { getDb } from "@/db";
import { createUser, EmailTakenError } from "@/db/queries/users";
import { signIn } from "@/lib/auth";
import { safeCallbackPath, signInSchema, signUpSchema } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/passwords";
import { fieldErrors } from "@/lib/http/action";

export interface AuthFormState {
  error?: string;
  fields?: Record<string, string>;
  email?: string;
}

const fromForm = (formData: FormData) => Object.fromEntries(formData.entries());

async function signInAndRedirect(email: string, password: string, callback: unknown): Promise<AuthFormState> {
  try {
    // Throws NEXT_REDIRECT on success; that must propagate, so only AuthError is caught.
    await signIn("credentials", { email, password, redirectTo: safeCallbackPath(callback) });
    return {};
  } catch (error) {
    if (error instanceof AuthError) return { error: "Email or password is incorrect.", email };
    throw error;
  }
}

export async function signInAction(_state: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const parsed = signInSchema.safeParse(fromForm(formData));
  const email = String(formData.get("email") ?? "");
  if (!parsed.success) return { error: "Email or password is incorrect.", email };
  return signInAndRedirect(parsed.data.email, parsed.data.password, formData.get("callbackUrl"));
}

export async function signUpAction(_state: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const parsed = signUpSchema.safeParse(fromForm(formData));
  const email = String(formData.get("email") ?? "");
  if (!parsed.success) return { fields: fieldErrors(parsed.error), email };
  try {
    await createUser(await getDb(), {
      email: parsed.data.email,
      name: parsed.data.name,
      passwordHash: await hashPassword(parsed.data.password),
    });
  } catch (error) {
    if (error instanceof EmailTakenError) {
      return { fields: { email: "An account with this email already exists. Sign in instead." }, email };
    }
    throw error;
  }
  return signInAndRedirect(parsed.data.email, parsed.data.password, "/");
}
