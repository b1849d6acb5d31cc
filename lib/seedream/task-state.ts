// The upstream's status words vary in case and vocabulary (AIO's and KIE's); this maps them all.
export type TaskState = "queued" | "running" | "succeeded" | "failed" | "unrecognized";

const words: Record<string, TaskState> = {
  pending: "queued",
  waiting: "queued",
  queuing: "queued",
  queued: "queued",
  submitted: "queued",
  created: "queued",
  in_progress: "running",
  processing: "running",
  running: "running",
  generating: "running",
  completed: "succeeded",
  complete: "succeeded",
  success: "succeeded",
  succeeded: "succeeded",
  done: "succeeded",
  failed: "failed",
  fail: "failed",
  failure: "failed",
  error: "failed",
  cancelled: "failed",
  canceled: "failed",
};

export function toTaskState(word: string): TaskState {
  return (
    words[
      word
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, "_")
    ] ?? "unrecognized"
  );
}
