import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import {
  IdempotencyConflictError,
  insertGenerations,
  UnavailableReferenceError,
} from "@/db/queries/generations";
import { LimitReachedError } from "@/db/queries/usage";
import type { Generation } from "@/db/schema";
import { type BudgetSettings, loadBudget, refusalMessage } from "@/lib/billing/budget";
import { admitSubmission } from "@/lib/billing/credit-breaker";
import { creditsPerImage } from "@/lib/billing/prices";
import { type Env, env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { offeredProviders } from "@/lib/providers/offers";
import { PROVIDER_PROFILES } from "@/lib/providers/profiles";
import { assertSupported, UnsupportedRequestError } from "@/lib/providers/request-check";
import type { ProviderId } from "@/lib/providers/types";
import { type GenerationMode, MODELS } from "@/lib/seedream/constants";
import { planBatch } from "./batch-plan";
import type { GenerationInput } from "./input";

/** The host a submission goes to: the one asked for when this studio offers it, else the default. */
export function chooseProvider(requested: ProviderId | undefined, settings: Env = env()): ProviderId {
  const offered = offeredProviders(settings);
  const [preferred] = offered;
  if (!preferred) throw new Error("No host to offer");
  if (!requested) return preferred;
  if (!offered.includes(requested)) throw new AppError("invalid_input", "That host is not offered here.");
  return requested;
}

/**
 * Records a click's images (one, or a batch of variations) with a hold each, or refuses before
 * anything is spent: while the host's account is out of credits, when the host could not take the
 * request, or when the holds would pass one of the user's or the studio's limits. The same
 * idempotency key from the same user always names the same images.
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
): Promise<{ generations: Generation[]; created: boolean }> {
  const provider = chooseProvider(input.provider);
  const profile = PROVIDER_PROFILES[provider];
  const count = input.count ?? 1;
  const mode: GenerationMode = input.referenceIds.length > 0 ? "edit" : "generate";
  try {
    // Each submission of the batch must be one the host takes; checked again before sending.
    assertSupported(profile, {
      mode,
      references: input.referenceIds,
      count: Math.min(count, profile.capabilities.maxImagesPerSubmission),
    });
  } catch (error) {
    if (error instanceof UnsupportedRequestError) throw new AppError("invalid_input", error.message);
    throw error;
  }
  await admitSubmission(db, provider);
  const model = MODELS[mode];
  const { budget, periods } = await loadBudget(db, userId, now, settings);
  const costCredits = creditsPerImage({ provider, model, mode });
  const rows = planBatch(count, profile.capabilities.maxImagesPerSubmission).map((slot) => ({
    ...slot,
    userId,
    idempotencyKey: input.idempotencyKey,
    provider,
    mode,
    model,
    prompt: input.prompt,
    aspectRatio: input.aspectRatio,
    quality: input.quality,
    costCredits,
    callbackToken: randomBytes(24).toString("base64url"),
    retryOfId,
  }));
  try {
    return await insertGenerations(db, rows, { sourceMediaIds: input.referenceIds, budget });
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
    if (error instanceof IdempotencyConflictError) {
      throw new AppError(
        "conflict",
        "This request was already sent with other settings. Press Generate again.",
      );
    }
    throw error;
  }
}
