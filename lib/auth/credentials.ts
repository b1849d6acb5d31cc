import { z } from "zod";
import { newPasswordSchema } from "./password-policy";

// PostgreSQL refuses NUL in text: a NUL must be a clear refusal here, never a 500 below.
const noNul = (value: string) => !value.includes("\u0000");

export const emailSchema = z
  .email("Enter a valid email address.")
  .trim()
  .max(254)
  .transform((email) => email.toLowerCase());

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(256).refine(noNul),
});

export const nameSchema = z
  .string()
  .trim()
  .max(80, "Use at most 80 characters.")
  .refine(noNul, "Remove the control characters from the name.")
  .optional()
  .transform((name) => name || null);

export const signUpSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  password: newPasswordSchema,
  invitation: z.string().max(100).optional(),
  setupCode: z.string().max(40).optional(),
});

/** Only our own paths: an open redirect after sign-in would be a phishing aid. */
export function safeCallbackPath(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])/.test(value) ? value : "/";
}
