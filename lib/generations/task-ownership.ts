import type { TaskEcho } from "@/lib/providers/types";

export type TaskOwnership = "confirmed" | "mismatch" | "unverifiable";

/** What our create sent for a generation, to hold against what the upstream says about a task. */
export interface SentCreate {
  taskId: string;
  model: string;
  prompt: string;
  aspectRatio: string;
  quality: string;
  /** Every address our create may have named for this generation (each holds its secret token). */
  callbackUrls: readonly string[];
}

/**
 * Whether the upstream's own account of a task shows it is the one our create asked for. A callback
 * is unauthenticated (contract §2), so the task id in its body is bound to a generation only when
 * the upstream's status for that id echoes what only our request had: our callback URL (it holds
 * the generation's secret token) or our prompt, with nothing echoed that differs. An upstream that
 * echoes nothing gets nothing bound: that create stays unknown.
 */
export function taskOwnership(request: TaskEcho | undefined, sent: SentCreate): TaskOwnership {
  if (!request) return "unverifiable";
  const echoed: [string | null, string][] = [
    [request.taskId, sent.taskId],
    [request.model, sent.model],
    [request.prompt, sent.prompt],
    [request.aspectRatio, sent.aspectRatio],
    [request.quality, sent.quality],
  ];
  if (echoed.some(([theirs, ours]) => theirs !== null && theirs !== ours)) return "mismatch";
  if (request.callbackUrl !== null && !sent.callbackUrls.includes(request.callbackUrl)) return "mismatch";
  return request.callbackUrl !== null || request.prompt !== null ? "confirmed" : "unverifiable";
}
