import type { Db } from "@/db/client";
import {
  claimStatusCheck,
  markAnswered,
  markFinished,
  markTimedOut,
  recordProgress,
  recordStatusFailure,
} from "@/db/queries/generation-lifecycle";
import type { Generation } from "@/db/schema";
import type { MediaStorage } from "@/lib/media/storage";
import { noteProviderOutcome } from "@/lib/providers/health";
import { PROVIDER_PROFILES } from "@/lib/providers/profiles";
import type { ProviderItemError, ProviderOutput, ProviderResult } from "@/lib/providers/types";
import { SeedreamError } from "@/lib/seedream/errors";
import { adapterFor, type Upstream } from "@/lib/upstream";
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
  let result: ProviderResult;
  try {
    const adapter = adapterFor(deps.upstream, claimed.provider);
    if (!adapter)
      throw new SeedreamError("upstream_unavailable", { upstreamMessage: "host no longer offered" });
    result = await adapter.poll(generation.upstreamTaskId);
  } catch (error) {
    if (adapterFor(deps.upstream, claimed.provider)) {
      await noteProviderOutcome(deps.db, claimed.provider, {
        ok: false,
        code: error instanceof SeedreamError ? error.code : "upstream_unavailable",
      });
    }
    await handleStatusError(deps.db, claimed, error);
    if (pastDeadline(claimed)) await markTimedOut(deps.db, { id: claimed.id, message: TIMED_OUT_MESSAGE });
    return;
  }
  await noteProviderOutcome(deps.db, claimed.provider, { ok: true });
  await applyResult(deps, claimed, result);
}

/**
 * Which of its submission's images is this row's: its own place, fixed when the submission was
 * claimed (never its order among the rows left now, which a deletion would shift). Rows claimed
 * before that place was recorded follow their lead in batch order.
 */
function positionInSubmission(
  generation: Pick<Generation, "provider" | "batchIndex" | "submissionIndex">,
): number {
  if (generation.submissionIndex !== null) return generation.submissionIndex;
  return generation.batchIndex % PROVIDER_PROFILES[generation.provider].capabilities.maxImagesPerSubmission;
}

/**
 * This row's image in the answer, or what the host said of it. A host that keeps each item in its
 * place names the refused ones' places; the images are packed, so each refusal before this row's
 * place moves its image one up.
 */
function slotOf(
  result: ProviderResult,
  position: number,
): { output: ProviderOutput | undefined; refusal: ProviderItemError | undefined } {
  const placed = result.itemErrors.filter((item) => item.position !== undefined);
  const refusal = placed.find((item) => item.position === position);
  if (refusal) return { output: undefined, refusal };
  const refusedBefore = placed.filter((item) => (item.position ?? 0) < position).length;
  return { output: result.outputs[position - refusedBefore], refusal: undefined };
}

/** What a row is told when its submission succeeded without its image (a withheld variation). */
function notMadeMessage(
  result: ProviderResult,
  position: number,
  generation: Pick<Generation, "provider">,
): string {
  // Packed refusals (no place given) stand, in order, for the last places asked for.
  const packed = result.itemErrors.filter((item) => item.position === undefined);
  const missing = position - result.outputs.length;
  const reason =
    slotOf(result, position).refusal?.message ?? packed[missing]?.message ?? packed[0]?.message ?? null;
  const done = "The others of its batch were; images not made are not charged.";
  if (reason) return `This variation was not made: ${reason.slice(0, 200)}. ${done}`;
  // A host that only sends fewer images (fal) says neither why nor which one it left out: what it
  // sends comes packed, so the rows left without an image are the last ones, whichever it withheld.
  const { label } = PROVIDER_PROFILES[generation.provider];
  const sent = result.outputs.length === 1 ? "1 image" : `${result.outputs.length} images`;
  return `This variation was not made: ${label} sent back ${sent}, fewer than it was asked for, and said neither why (usually its content filter) nor which variation it left out. ${done}`;
}

/**
 * A synchronous host's answer, applied to every row of the submission at once: each row with an
 * image goes on to our download, each without one ends uncharged with the host's reason.
 */
export async function settleAnswer(deps: RefreshDeps, rows: readonly Generation[], result: ProviderResult) {
  const [lead] = rows;
  if (!lead) return;
  const taskId = `answer-${lead.id}`;
  for (const row of rows) {
    const position = positionInSubmission(row);
    const output = result.status === "succeeded" ? slotOf(result, position).output : undefined;
    if (!output) {
      await markFinished(deps.db, {
        id: row.id,
        // "unknown": a sweep gave up on a send that was only slow; the answer settles it.
        from: ["pending", "unknown"],
        status: "failed",
        errorCode: result.status === "succeeded" ? "not_made" : "failed",
        errorMessage:
          result.status === "succeeded"
            ? notMadeMessage(result, position, row)
            : upstreamFailureMessage(result.error),
      });
      continue;
    }
    const answered = await markAnswered(deps.db, { id: row.id, taskId, resultUrl: output.url });
    if (answered) await ingestResult(deps, answered, output.url);
  }
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
    from: ["running", "timed_out"],
    status: "failed",
    errorCode: code,
    errorMessage: new SeedreamError(code).message,
  });
}

/** What the host said about the task, applied to a generation that holds the check's claim. */
export async function applyResult(
  deps: RefreshDeps,
  generation: Generation,
  result: ProviderResult,
): Promise<void> {
  switch (result.status) {
    case "unrecognized":
    case "queued":
    case "running": {
      if (result.status === "unrecognized") {
        logGenerationEvent("unrecognized upstream status", {
          id: generation.id,
          status: result.rawStatus.slice(0, 40),
        });
      }
      await recordProgress(deps.db, {
        id: generation.id,
        upstreamStatus: result.status === "unrecognized" ? "running" : result.status,
        progress: result.progress,
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
        errorMessage: upstreamFailureMessage(result.error),
      });
      return;
    case "succeeded": {
      const position = positionInSubmission(generation);
      const { output } = slotOf(result, position);
      if (output) return ingestResult(deps, generation, output.url);
      // Part of a batch the host made without this image: not billed, so not charged.
      const partOfBatch = result.outputs.length > 0 || result.itemErrors.length > 0 || position > 0;
      await markFinished(deps.db, {
        id: generation.id,
        from: ["running", "timed_out"],
        status: "failed",
        // A lone success without an image is billed all the same: settled as charged.
        errorCode: partOfBatch ? "not_made" : "no_image",
        errorMessage: partOfBatch
          ? notMadeMessage(result, position, generation)
          : "Seedream reported success but sent no image. Retry to make it again.",
      });
      return;
    }
  }
}
