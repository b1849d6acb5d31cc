"use server";

import { getDb } from "@/db";
import { getGenerationForUser } from "@/db/queries/generations";
import { signOut } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { generationInputSchema, retryInputSchema } from "@/lib/generations/input";
import { createGeneration } from "@/lib/generations/service";
import { validatedActionWithUser } from "@/lib/http/action";

export const createGenerationAction = validatedActionWithUser(
  "create generation",
  generationInputSchema,
  (input, user) => createGeneration(user.id, input),
);

const RETRYABLE = new Set(["failed", "timed_out", "unknown"]);

export const retryGenerationAction = validatedActionWithUser(
  "retry generation",
  retryInputSchema,
  async ({ generationId, idempotencyKey }, user) => {
    const original = await getGenerationForUser(await getDb(), { id: generationId, userId: user.id });
    if (!original) throw new AppError("not_found", "That generation no longer exists.");
    if (!RETRYABLE.has(original.status)) {
      throw new AppError("conflict", "Only a failed or unfinished generation can be retried.");
    }
    const aspectRatio = generationInputSchema.shape.aspectRatio.parse(original.aspectRatio);
    return createGeneration(
      user.id,
      { prompt: original.prompt, aspectRatio, quality: original.quality, idempotencyKey },
      { retryOfId: original.id },
    );
  },
);

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
