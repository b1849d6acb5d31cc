import { claimSubmission, markFinished, markSubmitted } from "@/db/queries/generation-lifecycle";
import { listSourceStorageKeys } from "@/db/queries/generation-sources";
import { recordCreateAccepted, recordOutOfCredits } from "@/lib/billing/credit-breaker";
import { CURRENT_PROVIDER } from "@/lib/billing/prices";
import { env } from "@/lib/config/env";
import { noteProviderOutcome } from "@/lib/providers/health";
import type { AspectRatio } from "@/lib/seedream/constants";
import { SeedreamError } from "@/lib/seedream/errors";
import { logGenerationEvent } from "./logger";
import { type RefreshDeps, TASK_DEADLINE_MS } from "./refresh";

// The upstream fetches references while the task runs, which we give up on after the deadline;
// twice that covers a slow queue, and the URLs are worthless soon after.
export const REFERENCE_URL_TTL_SECONDS = Math.ceil((2 * TASK_DEADLINE_MS) / 1000);

export function callbackUrlFor(token: string): string {
  return `${env().APP_URL}/api/webhooks/seedream/${token}`;
}

/**
 * Sends the create request, once. A create whose outcome is unknown is recorded as such and never
 * sent again by us: only a status check or a callback may settle it.
 */
export async function submitGeneration(
  { db, upstream, storage, instanceId }: RefreshDeps,
  id: string,
): Promise<void> {
  const generation = await claimSubmission(db, id, instanceId);
  if (!generation) return;
  let imageUrls: string[] | undefined;
  if (generation.mode === "edit") {
    const stored = await listSourceStorageKeys(db, id);
    const keys = stored.filter((key) => key !== null);
    if (keys.length === 0 || keys.length !== stored.length) {
      // Settled before any money is spent: a reference was deleted after the edit was recorded.
      await markFinished(db, {
        id,
        from: ["pending"],
        status: "failed",
        errorCode: "reference_missing",
        errorMessage: "A reference image was deleted before the edit was sent. Nothing was charged.",
      });
      return;
    }
    imageUrls = keys.map((key) => storage.signedUrl(key, { expiresInSeconds: REFERENCE_URL_TTL_SECONDS }));
  }
  try {
    const created = await upstream.client.createTask({
      mode: generation.mode,
      prompt: generation.prompt,
      aspectRatio: generation.aspectRatio as AspectRatio,
      quality: generation.quality,
      imageUrls,
      callbackUrl: upstream.acceptsCallbacks ? callbackUrlFor(generation.callbackToken) : undefined,
    });
    await markSubmitted(db, { id, taskId: created.taskId, upstreamStatus: created.status });
    await recordCreateAccepted(db, id);
    await noteProviderOutcome(db, CURRENT_PROVIDER, { ok: true });
  } catch (error) {
    const failure =
      error instanceof SeedreamError ? error : new SeedreamError("outcome_unknown", { cause: error });
    await noteProviderOutcome(db, CURRENT_PROVIDER, { ok: false, code: failure.code });
    logGenerationEvent("create failed", {
      id,
      code: failure.code,
      http: failure.httpStatus,
      cause: failure.cause instanceof Error ? failure.cause.name : undefined,
    });
    // A refused create (no task id) releases its hold here; an unknown one keeps it.
    await markFinished(db, {
      id,
      from: ["pending"],
      status: failure.code === "outcome_unknown" ? "unknown" : "failed",
      errorCode: failure.code,
      errorMessage: failure.message,
    });
    if (failure.code === "out_of_credits") await recordOutOfCredits(db, id);
  }
}
