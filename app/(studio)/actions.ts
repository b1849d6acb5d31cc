"use server";

import { z } from "zod";
import { getDb } from "@/db";
import { listSourceMediaIds } from "@/db/queries/generation-sources";
import { dismissFailedGeneration, getGenerationForUser } from "@/db/queries/generations";
import { signOut } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { generationInputSchema, retryInputSchema } from "@/lib/generations/input";
import { createGeneration } from "@/lib/generations/service";
import { validatedActionWithUser } from "@/lib/http/action";
import { formAction } from "@/lib/http/form-action";

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
    const db = await getDb();
    const original = await getGenerationForUser(db, { id: generationId, userId: user.id });
    if (!original) throw new AppError("not_found", "That generation no longer exists.");
    if (!RETRYABLE.has(original.status)) {
      throw new AppError("conflict", "Only a failed or unfinished generation can be retried.");
    }
    const aspectRatio = generationInputSchema.shape.aspectRatio.parse(original.aspectRatio);
    const sources = original.mode === "edit" ? await listSourceMediaIds(db, original.id) : [];
    const referenceIds = sources.filter((id) => id !== null);
    if (referenceIds.length !== sources.length) {
      throw new AppError(
        "conflict",
        "A reference image of this edit has been deleted, so it cannot be retried.",
      );
    }
    return createGeneration(
      user.id,
      {
        prompt: original.prompt,
        aspectRatio,
        quality: original.quality,
        idempotencyKey,
        referenceIds,
        provider: original.provider,
      },
      { retryOfId: original.id },
    );
  },
);

export const dismissGenerationAction = validatedActionWithUser(
  "dismiss generation",
  z.object({ generationId: z.uuid() }),
  async ({ generationId }, user) => {
    if (!(await dismissFailedGeneration(await getDb(), { id: generationId, userId: user.id }))) {
      throw new AppError("not_found", "No failed generation of yours to dismiss.");
    }
    return { generationId };
  },
);

// The session's row is deleted by the sign-out event (lib/auth), so the cookie dies on the server too.
export const signOutAction = formAction("sign out", z.object({}), async () => {
  await signOut({ redirectTo: "/sign-in" });
  return {};
});
