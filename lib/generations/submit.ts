import type { Db } from "@/db/client";
import { claimSubmission, markFinished, markSubmitted } from "@/db/queries/generation-lifecycle";
import { env } from "@/lib/config/env";
import type { AspectRatio } from "@/lib/seedream/constants";
import { SeedreamError } from "@/lib/seedream/errors";
import type { Upstream } from "@/lib/upstream";
import { logGenerationEvent } from "./logger";

export function callbackUrlFor(token: string): string {
  return `${env().APP_URL}/api/webhooks/seedream/${token}`;
}

/**
 * Sends the create request, once. A create whose outcome is unknown is recorded as such and never
 * sent again by us: only a status check or a callback may settle it.
 */
export async function submitGeneration(db: Db, upstream: Upstream, id: string): Promise<void> {
  const generation = await claimSubmission(db, id);
  if (!generation) return;
  try {
    const created = await upstream.client.createTask({
      mode: generation.mode,
      prompt: generation.prompt,
      aspectRatio: generation.aspectRatio as AspectRatio,
      quality: generation.quality,
      callbackUrl: upstream.acceptsCallbacks ? callbackUrlFor(generation.callbackToken) : undefined,
    });
    await markSubmitted(db, { id, taskId: created.taskId, upstreamStatus: created.status });
  } catch (error) {
    const failure =
      error instanceof SeedreamError ? error : new SeedreamError("outcome_unknown", { cause: error });
    logGenerationEvent("create failed", {
      id,
      code: failure.code,
      http: failure.httpStatus,
      cause: failure.cause instanceof Error ? failure.cause.name : undefined,
    });
    await markFinished(db, {
      id,
      from: ["pending"],
      status: failure.code === "outcome_unknown" ? "unknown" : "failed",
      errorCode: failure.code,
      errorMessage: failure.message,
    });
  }
}
