"use server";

import { z } from "zod";
import { getDb } from "@/db";
import { listSourceMediaIds } from "@/db/queries/generation-sources";
import { getGenerationForUser } from "@/db/queries/generations";
import { signOut } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { generationInputSchema, retryInputSchema } from "@/lib/generations/input";
import { createGeneration } from "@/lib/generations/service";
import { validatedAction, validatedActionWithUser } from "@/lib/http/action";

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
      { prompt: original.prompt, aspectRatio, quality: original.quality, idempotencyKey, referenceIds },
      { retryOfId: original.id },
    );
  },
);

// Called by the header's form, so its input is that (empty) form: nothing to read from it. Public,
// because ending a session that has already ended is harmless.
export const signOutAction = validatedAction("sign out", z.unknown(), async () => {
  await signOut({ redirectTo: "/sign-in" });
});
