import type { Db } from "@/db/client";
import {
  claimStatusCheck,
  markFinished,
  recordProgress,
  recordStatusMiss,
} from "@/db/queries/generation-lifecycle";
import type { Generation } from "@/db/schema";
import type { MediaStorage } from "@/lib/media/storage";
import { SeedreamError } from "@/lib/seedream/errors";
import type { TaskSnapshot } from "@/lib/seedream/responses";
import type { Upstream } from "@/lib/upstream";
import { ingestResult } from "./ingest";
import { logGenerationEvent } from "./logger";
import { pollIntervalMs } from "./polling";

export const TASK_DEADLINE_MS = 15 * 60_000;
// A 404/422 right after creation can be the upstream catching up; this many in a row means lost.
const MAX_STATUS_MISSES = 5;

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
  generation: Pick<Generation, "status" | "upstreamTaskId" | "createdAt" | "lastCheckedAt">,
  now = Date.now(),
): boolean {
  if (generation.status !== "running" || !generation.upstreamTaskId) return false;
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
 * however many tabs, sweeps or instances ask: the database claim lets one caller through.
 */
export async function refreshGeneration(
  deps: RefreshDeps,
  generation: Pick<Generation, "id" | "status" | "upstreamTaskId" | "createdAt">,
  { immediate = false }: { immediate?: boolean } = {},
): Promise<void> {
  if (generation.status !== "running" || !generation.upstreamTaskId) return;
  const ageMs = Date.now() - generation.createdAt.getTime();
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
  const claimed = await claimStatusCheck(deps.db, {
    id: generation.id,
    staleAfterMs: immediate ? 0 : staleAfterMs(ageMs),
  });
  if (!claimed) return;
  let snapshot: TaskSnapshot;
  try {
    snapshot = await deps.upstream.client.getTask(generation.upstreamTaskId);
  } catch (error) {
    await handleStatusError(deps.db, generation, error);
    return;
  }
  await applySnapshot(deps, claimed, snapshot);
}

async function handleStatusError(db: Db, generation: Pick<Generation, "id">, error: unknown): Promise<void> {
  const code = error instanceof SeedreamError ? error.code : "upstream_unavailable";
  logGenerationEvent("status check failed", { id: generation.id, code });
  if (code === "task_not_found") {
    const misses = await recordStatusMiss(db, generation.id);
    if (misses < MAX_STATUS_MISSES) return;
  } else if (code !== "key_rejected") {
    return; // passing trouble: the next check tries again, the deadline bounds it
  }
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
