import {
  bindConfirmedTask,
  claimCallbackCheck,
  deferCallbackCheck,
  dropCallbackTask,
  noteCallbackTask,
} from "@/db/queries/generation-recovery";
import type { Generation } from "@/db/schema";
import type { ProviderResult } from "@/lib/providers/types";
import { SeedreamError } from "@/lib/seedream/errors";
import { adapterFor } from "@/lib/upstream";
import { statusRetryDelayMs } from "./backoff";
import { logGenerationEvent } from "./logger";
import { applyResult, CHECK_LEASE_MS, type RefreshDeps, refreshGeneration, staleAfterMs } from "./refresh";
import { callbackUrlFor, legacyCallbackUrlFor } from "./submit";
import { taskOwnership } from "./task-ownership";

/**
 * What a callback on a generation's own token may change. It is a hint, never evidence: the
 * upstream is asked, through the same database claim as every status check, so a flood of
 * callbacks costs one status call per staleness window.
 * - A generation with a task id is checked (a timed-out one too: a late success is still ours).
 * - A create whose answer never came (unknown, or a send still under way or cut off by a crash)
 *   keeps the task id the body names, and takes it only once the upstream's status for that id
 *   confirms it is the task our create asked for (lib/generations/task-ownership.ts).
 * - Anything else (never sent, finished) is left alone.
 */
export async function settleFromCallback(
  deps: RefreshDeps,
  generation: Generation,
  namedTaskId: string | null,
): Promise<void> {
  if (generation.upstreamTaskId) return refreshGeneration(deps, generation);
  if (!namedTaskId) return;
  const noted = await noteCallbackTask(deps.db, { id: generation.id, taskId: namedTaskId });
  if (noted) await confirmCallbackTask(deps, noted);
}

/**
 * Asks the upstream about the task a callback named, and binds it if it is ours. When the upstream
 * cannot answer, the hint is kept and the sweep asks again after a back-off: the callback that
 * brought it will not come twice.
 */
export async function confirmCallbackTask(
  deps: RefreshDeps,
  generation: Pick<Generation, "id" | "createdAt">,
): Promise<void> {
  const claimed = await claimCallbackCheck(deps.db, {
    id: generation.id,
    staleAfterMs: staleAfterMs(Date.now() - generation.createdAt.getTime()),
    leaseMs: CHECK_LEASE_MS,
  });
  const taskId = claimed?.callbackTaskId;
  if (!claimed || !taskId) return;
  let result: ProviderResult;
  try {
    const adapter = adapterFor(deps.upstream, claimed.provider);
    if (!adapter)
      throw new SeedreamError("upstream_unavailable", { upstreamMessage: "host no longer offered" });
    result = await adapter.poll(taskId);
  } catch (error) {
    const code = error instanceof SeedreamError ? error.code : "upstream_unavailable";
    logGenerationEvent("callback task check failed", { id: claimed.id, code });
    if (code === "task_not_found") return dropCallbackTask(deps.db, { id: claimed.id, taskId });
    const retryAfter = error instanceof SeedreamError ? error.retryAfterMs : null;
    return deferCallbackCheck(deps.db, {
      id: claimed.id,
      retryInMs: statusRetryDelayMs(claimed.statusFailures + 1, retryAfter),
    });
  }
  const ownership = taskOwnership(result.echo, {
    taskId,
    model: claimed.model,
    prompt: claimed.prompt,
    aspectRatio: claimed.aspectRatio,
    quality: claimed.quality,
    callbackUrls: [
      callbackUrlFor(claimed.provider, claimed.callbackToken),
      // Where creates sent before each host had its own route asked to be called back.
      legacyCallbackUrlFor(claimed.callbackToken),
    ],
  });
  const bound =
    ownership === "confirmed"
      ? await bindConfirmedTask(deps.db, { id: claimed.id, taskId, upstreamStatus: result.status })
      : undefined;
  logGenerationEvent(bound ? "callback settled create" : "callback task not bound", {
    id: claimed.id,
    from: claimed.status,
    ownership,
  });
  if (!bound) return dropCallbackTask(deps.db, { id: claimed.id, taskId });
  await applyResult(deps, bound, result);
}
