import type { Db } from "@/db/client";
import {
  claimStatusCheck,
  markFinished,
  recordProgress,
  recordStatusFailure,
} from "@/db/queries/generation-lifecycle";
import type { Generation } from "@/db/schema";
import type { MediaStorage } from "@/lib/media/storage";
import { SeedreamError } from "@/lib/seedream/errors";
import type { TaskSnapshot } from "@/lib/seedream/responses";
import type { Upstream } from "@/lib/upstream";
import { statusRetryDelayMs } from "./backoff";
import { ingestResult } from "./ingest";
import { logGenerationEvent } from "./logger";
import { pollIntervalMs } from "./polling";

export const TASK_DEADLINE_MS = 15 * 60_000;
// A 404/422 right after creation can be the upstream catching up; this many in a row means lost.
const MAX_STATUS_MISSES = 5;
// Longer than one status check can take (the client's 15 s timeout and one quick retry): while it
// runs nobody else asks, and should its process die, someone else may ask after this.
const CHECK_LEASE_MS = 30_000;

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
}

/**
 * Brings a running generation up to date with the upstream, at most once per staleness window
 * however many tabs, sweeps or instances ask, and not before a back-off has run out: the database
 * claim lets one caller through.
 */
export async function refreshGeneration(
  deps: RefreshDeps,
  generation: Pick<Generation, "id" | "status" | "upstreamTaskId" | "createdAt">,
  { immediate = false }: { immediate?: boolean } = {},
): Promise<void> {
  if (generation.status !== "running" || !generation.upstreamTaskId) return;
  const ageMs = Date.now() - generation.createdAt.getTime();
  const claimed = await claimStatusCheck(deps.db, {
    id: generation.id,
    staleAfterMs: immediate ? 0 : staleAfterMs(ageMs),
    leaseMs: CHECK_LEASE_MS,
  });
  if (!claimed) return;
  // The upstream has finished and said where the image is: only our download is left to retry.
  if (claimed.resultUrl) return ingestResult(deps, claimed, claimed.resultUrl);
  if (ageMs > TASK_DEADLINE_MS) {
    await markFinished(deps.db, {
      id: generation.id,
      from: ["running"],
      status: "timed_out",
      errorCode: "timed_out",
      errorMessage: "The upstream did not finish this image within 15 minutes, so we stopped waiting for it.",
    });
    return;
  }
  let snapshot: TaskSnapshot;
  try {
    snapshot = await deps.upstream.client.getTask(generation.upstreamTaskId);
  } catch (error) {
    await handleStatusError(deps.db, claimed, error);
    return;
  }
  await applySnapshot(deps, claimed, snapshot);
}

/** Passing trouble waits out a growing back-off (the deadline bounds it); a lost task or key ends it. */
async function handleStatusError(db: Db, generation: Generation, error: unknown): Promise<void> {
  const code = error instanceof SeedreamError ? error.code : "upstream_unavailable";
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
    from: ["running"],
    status: "failed",
    errorCode: code,
    errorMessage: new SeedreamError(code).message,
  });
}

async function applySnapshot(
  deps: RefreshDeps,
  generation: Generation,
  snapshot: TaskSnapshot,
): Promise<void> {
  switch (snapshot.state) {
    case "unrecognized":
      logGenerationEvent("unrecognized upstream status", {
        id: generation.id,
        status: snapshot.rawStatus.slice(0, 40),
      });
      return recordProgress(deps.db, {
        id: generation.id,
        upstreamStatus: "running",
        progress: snapshot.progress,
      });
    case "queued":
    case "running":
      return recordProgress(deps.db, {
        id: generation.id,
        upstreamStatus: snapshot.state,
        progress: snapshot.progress,
      });
    case "failed":
      await markFinished(deps.db, {
        id: generation.id,
        from: ["running"],
        status: "failed",
        errorCode: "failed",
        errorMessage: `Seedream could not make this image${
          snapshot.error ? ` (${snapshot.error.slice(0, 200)})` : ""
        }. Failed tasks are not charged. Retry, or change the prompt.`,
      });
      return;
    case "succeeded": {
      const url = snapshot.imageUrls[0];
      if (!url) {
        await markFinished(deps.db, {
          id: generation.id,
          from: ["running"],
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
