import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { insertGeneration, UnavailableReferenceError } from "@/db/queries/generations";
import { LimitReachedError } from "@/db/queries/usage";
import type { Generation } from "@/db/schema";
import { type BudgetSettings, loadBudget, refusalMessage } from "@/lib/billing/budget";
import { admitSubmission } from "@/lib/billing/credit-breaker";
import { CURRENT_PROVIDER, creditsPerImage } from "@/lib/billing/prices";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { MODELS } from "@/lib/seedream/constants";
import type { GenerationInput } from "./input";

/**
 * Records a generation and holds its cost, or refuses before anything is spent: while the
 * upstream account is out of credits, or when the hold would pass one of the user's or the
 * studio's limits. The same idempotency key from the same user always names the same generation.
 */
export async function recordGeneration(
  db: Db,
  userId: string,
  input: GenerationInput,
  {
    retryOfId,
    now = new Date(),
    settings = env(),
  }: { retryOfId?: string; now?: Date; settings?: BudgetSettings } = {},
): Promise<{ generation: Generation; created: boolean }> {
  await admitSubmission(db);
  const mode = input.referenceIds.length > 0 ? "edit" : "generate";
  const model = MODELS[mode];
  const { budget, periods } = await loadBudget(db, userId, now, settings);
  try {
    return await insertGeneration(
      db,
      {
        userId,
        idempotencyKey: input.idempotencyKey,
        mode,
        model,
        prompt: input.prompt,
        aspectRatio: input.aspectRatio,
        quality: input.quality,
        costCredits: creditsPerImage({ provider: CURRENT_PROVIDER, model, mode }),
        callbackToken: randomBytes(24).toString("base64url"),
        retryOfId,
      },
      { sourceMediaIds: input.referenceIds, budget },
    );
  } catch (error) {
    if (error instanceof LimitReachedError) {
      throw new AppError("limit_reached", refusalMessage(error, periods, now, settings.BUDGET_TIME_ZONE));
    }
    if (error instanceof UnavailableReferenceError) {
      throw new AppError(
        "not_found",
        "One of the reference images is not available (it may have been deleted). Remove it and try again.",
      );
    }
    throw error;
  }
}
