import type { Generation } from "@/db/schema";

/** What a generation's final state does to its hold. */
export type Settlement = "charge" | "release" | "keep";

/**
 * The one rule for money at the end of a generation. API in One bills per successful request and
 * a failed task costs 0 credits, so:
 * - a create the upstream refused or never received (no task id) charged nothing: release;
 * - a task the upstream reports failed (content filter included) or has no record of: release;
 * - a task the upstream reports done charges, even when it sent no image;
 * - anything else (unknown, timed out, a result we failed to save) keeps its hold: it may have
 *   been charged, so it keeps counting until it settles or an admin decides.
 */
export function settlementOf(
  generation: Pick<Generation, "status" | "errorCode" | "upstreamTaskId">,
): Settlement {
  if (generation.status === "succeeded") return "charge";
  if (generation.status !== "failed") return "keep";
  if (!generation.upstreamTaskId) return "release";
  // "not_made": a variation its batch came back without; hosts bill the images they made.
  if (["failed", "task_not_found", "not_made"].includes(generation.errorCode ?? "")) return "release";
  if (generation.errorCode === "no_image") return "charge";
  return "keep";
}
