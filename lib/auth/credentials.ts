import { z } from "zod";

export const emailSchema = z
  .email("Enter a valid email address.")
  .trim()
  .max(254)
  .transform((email) => email.toLowerCase());

export const passwordSchema = z
  .string()
  .min(8, "Use at least 8 characters.")
  .max(256, "Use at most 256 characters.");

export const signInSchema = z.object({ email: emailSchema, password: z.string().min(1).max(256) });

export const signUpSchema = z.object({
  name: z
    .string()
    .trim()
    .max(80)
    .optional()
    .transform((name) => name || null),
  email: emailSchema,
  password: passwordSchema,
});

/** Only our own paths: an open redirect after sign-in would be a phishing aid. */
export function safeCallbackPath(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])/.test(value) ? value : "/";
}
