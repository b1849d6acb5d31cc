import "server-only";
import { randomBytes } from "node:crypto";
import { after } from "next/server";
import { getDb } from "@/db";
import { getGenerationForUser, insertGeneration } from "@/db/queries/generations";
import { AppError } from "@/lib/errors";
import { getMediaStorage } from "@/lib/media";
import { CREDITS_PER_IMAGE, MODELS } from "@/lib/seedream/constants";
import { getUpstream } from "@/lib/upstream";
import type { GenerationInput } from "./input";
import { needsStatusCheck, type RefreshDeps, refreshGeneration } from "./refresh";
import { submitGeneration } from "./submit";
import { toGenerationView } from "./to-view";
import type { GenerationView } from "./view";

export async function loadRefreshDeps(): Promise<RefreshDeps> {
  const [db, upstream] = await Promise.all([getDb(), getUpstream()]);
  return { db, upstream, storage: getMediaStorage() };
}

/**
 * Records the generation and returns at once; the create request goes out after the response.
 * The same idempotency key from the same user always names the same generation.
 */
export async function createGeneration(
  userId: string,
  input: GenerationInput,
  { retryOfId }: { retryOfId?: string } = {},
): Promise<GenerationView> {
  const db = await getDb();
  const { generation, created } = await insertGeneration(db, {
    userId,
    idempotencyKey: input.idempotencyKey,
    mode: "generate",
    model: MODELS.generate,
    prompt: input.prompt,
    aspectRatio: input.aspectRatio,
    quality: input.quality,
    costCredits: CREDITS_PER_IMAGE,
    callbackToken: randomBytes(24).toString("base64url"),
    retryOfId,
  });
  if (created) {
    after(async () => submitGeneration(db, await getUpstream(), generation.id));
  }
  return toGenerationView({ ...generation, media: null });
}

/** The owner's view of a generation, refreshed from the upstream if its stored state is stale. */
export async function getGenerationStatus(userId: string, id: string): Promise<GenerationView> {
  const db = await getDb();
  const stored = await getGenerationForUser(db, { id, userId });
  if (!stored) throw new AppError("not_found", "No such generation.");
  if (!needsStatusCheck(stored)) return toGenerationView(stored);
  const deps = await loadRefreshDeps();
  await refreshGeneration(deps, stored);
  const current = await getGenerationForUser(db, { id, userId });
  if (!current) throw new AppError("not_found", "No such generation.");
  return toGenerationView(current);
}
