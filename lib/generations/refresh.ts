import type { Db } from "@/db/client";
import {
  claimStatusCheck,
  markFinished,
  markTimedOut,
  recordProgress,
  recordStatusFailure,
} from "@/db/queries/generation-lifecycle";
import type { Generation } from "@/db/schema";
import { CURRENT_PROVIDER } from "@/lib/billing/prices";
import type { MediaStorage } from "@/lib/media/storage";
import { noteProviderOutcome } from "@/lib/providers/health";
import { SeedreamError } from "@/lib/seedream/errors";
import type { TaskSnapshot } from "@/lib/seedream/responses";
import type { Upstream } from "@/lib/upstream";
import { statusRetryDelayMs } from "./backoff";
import { upstreamFailureMessage } from "./failure-message";
import { ingestResult } from "./ingest";
import { logGenerationEvent } from "./logger";
import { pollIntervalMs } from "./polling";

export const TASK_DEADLINE_MS = 15 * 60_000;
// A 404/422 right after creation can be the upstream catching up; this many in a row means lost.
const MAX_STATUS_MISSES = 5;
// Longer than one status check can take (the client's 15 s timeout and one quick retry): while it
// runs nobody else asks, and should its process die, someone else may ask after this.
export const CHECK_LEASE_MS = 30_000;

const TIMED_OUT_MESSAGE =
  "The upstream had not finished this image after 15 minutes, so we stopped waiting for it. If it still finishes, the image appears here.";

/**
 * How old a stored status may be before someone asks the upstream again. Just under the browser's
 * poll interval: one watching tab gets a fresh answer on every poll, and twenty tabs cost the
 * upstream about what one does.
 */
export function staleAfterMs(taskAgeMs: number): number {
  return pollIntervalMs(taskAgeMs) - 100;
}

/**
 * Whether a poll should try to claim a status check. Read from the row already in hand, so the
 * common answer ("someone asked a moment ago") costs no write; the claim itself still decides races.
 */
export function needsStatusCheck(
  generation: Pick<Generation, "status" | "upstreamTaskId" | "createdAt" | "lastCheckedAt" | "nextCheckAt">,
  now = Date.now(),
): boolean {
  if (generation.status !== "running" || !generation.upstreamTaskId) return false;
  if (generation.nextCheckAt && generation.nextCheckAt.getTime() > now) return false;
  const ageMs = now - generation.createdAt.getTime();
  if (ageMs > TASK_DEADLINE_MS || !generation.lastCheckedAt) return true;
  return now - generation.lastCheckedAt.getTime() >= staleAfterMs(ageMs);
}

export interface RefreshDeps {
  db: Db;
  storage: MediaStorage;
  upstream: Upstream;
  /** The instance whose claims this process takes (lib/server/instance.ts). */
  instanceId: string;
}

const pastDeadline = (generation: Pick<Generation, "createdAt">) =>
  Date.now() - generation.createdAt.getTime() > TASK_DEADLINE_MS;

/**
 * Brings a generation whose task may still finish up to date with the upstream, at most once per
 * staleness window however many tabs, callbacks, sweeps or instances ask, and not before a back-off
 * has run out: the database claim lets one caller through. Past the deadline the upstream is still
 * asked first: a task it finished is never called timed out.
 */
export async function refreshGeneration(
  deps: RefreshDeps,
  generation: Pick<Generation, "id" | "status" | "upstreamTaskId" | "createdAt">,
  { staleAfter }: { staleAfter?: number } = {},
): Promise<void> {
  if (!(generation.status === "running" || generation.status === "timed_out") || !generation.upstreamTaskId) {
    return;
  }
  const claimed = await claimStatusCheck(deps.db, {
    id: generation.id,
    owner: deps.instanceId,
    staleAfterMs: staleAfter ?? staleAfterMs(Date.now() - generation.createdAt.getTime()),
    leaseMs: CHECK_LEASE_MS,
  });
  if (!claimed) return;
  // The upstream has finished and said where the image is: only our download is left to retry.
  if (claimed.resultUrl) return ingestResult(deps, claimed, claimed.resultUrl);
  let snapshot: TaskSnapshot;
  try {
    snapshot = await deps.upstream.client.getTask(generation.upstreamTaskId);
  } catch (error) {
    await handleStatusError(deps.db, claimed, error);
    if (pastDeadline(claimed)) await markTimedOut(deps.db, { id: claimed.id, message: TIMED_OUT_MESSAGE });
    return;
  }
  await noteProviderOutcome(deps.db, CURRENT_PROVIDER, { ok: true });
  await applySnapshot(deps, claimed, snapshot);
}

/** Passing trouble waits out a growing back-off (the deadline bounds it); a lost task or key ends it. */
async function handleStatusError(db: Db, generation: Generation, error: unknown): Promise<void> {
  const code = error instanceof SeedreamError ? error.code : "upstream_unavailable";
  await noteProviderOutcome(db, CURRENT_PROVIDER, { ok: false, code });
  const { failures, misses } = await recordStatusFailure(db, {
    id: generation.id,
    notFound: code === "task_not_found",
    retryInMs: statusRetryDelayMs(
      generation.statusFailures + 1,
      error instanceof SeedreamError ? error.retryAfterMs : null,
    ),
  });
  logGenerationEvent("status check failed", { id: generation.id, code, failures });
  if (code === "task_not_found" ? misses < MAX_STATUS_MISSES : code !== "key_rejected") return;
  await markFinished(db, {
    id: generation.id,
    from: ["running", "timed_out"],
    status: "failed",
    errorCode: code,
    errorMessage: new SeedreamError(code).message,
  });
}

/** What the upstream said about the task, applied to a generation that holds the check's claim. */
export async function applySnapshot(
  deps: RefreshDeps,
  generation: Generation,
  snapshot: TaskSnapshot,
): Promise<void> {
  switch (snapshot.state) {
    case "unrecognized":
    case "queued":
    case "running": {
      if (snapshot.state === "unrecognized") {
        logGenerationEvent("unrecognized upstream status", {
          id: generation.id,
          status: snapshot.rawStatus.slice(0, 40),
        });
      }
      await recordProgress(deps.db, {
        id: generation.id,
        upstreamStatus: snapshot.state === "unrecognized" ? "running" : snapshot.state,
        progress: snapshot.progress,
      });
      if (pastDeadline(generation)) {
        await markTimedOut(deps.db, { id: generation.id, message: TIMED_OUT_MESSAGE });
      }
      return;
    }
    case "failed":
      await markFinished(deps.db, {
        id: generation.id,
        from: ["running", "timed_out"],
        status: "failed",
        errorCode: "failed",
        errorMessage: upstreamFailureMessage(snapshot.error),
      });
      return;
    case "succeeded": {
      const url = snapshot.imageUrls[0];
      if (!url) {
        await markFinished(deps.db, {
          id: generation.id,
          from: ["running", "timed_out"],
          status: "failed",
          // A success is billed whether or not it carried an image: settled as charged.
          errorCode: "no_image",
          errorMessage: "Seedream reported success but sent no image. Retry to make it again.",
        });
        return;
      }
      return ingestResult(deps, generation, url);
    }
  }
}
