import { randomBytes } from "node:crypto";
import { z } from "zod";

// 32 random bytes (256 bits) as base64url: 43 characters, unguessable and URL-safe.
export const newShareToken = (): string => randomBytes(32).toString("base64url");

export const shareTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
