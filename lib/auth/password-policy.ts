import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";

// zxcvbn-ts's list of the ~49,000 most common passwords, kept up by that project.
const COMMON_PASSWORDS = new Set(dictionary["passwords-common"]);

export const MIN_PASSWORD_LENGTH = 10;

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(256, "Use at most 256 characters.")
  .refine(
    (password) => !isCommonPassword(password),
    "That password is one of the most common ones. Choose another.",
  );
