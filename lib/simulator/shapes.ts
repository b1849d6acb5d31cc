import type { Behaviour } from "./behaviour";

export type SimTaskPhase = "queued" | "running" | "succeeded" | "failed";

/** What the create asked for, as a status may echo it (null when the behaviour says not to). */
export interface SimTaskRequest {
  prompt: string;
  aspectRatio: string;
  quality: string;
  callbackUrl: string | null;
}

export interface SimTaskView {
  id: string;
  model: string;
  request: SimTaskRequest | null;
  phase: SimTaskPhase;
  progress: number;
  imageUrl: string | null;
  error: string | null;
  createdAt: number;
  completedAt: number | null;
}

// The response forms listed in the upstream contract §1, so the client is tested against each.

export function createResponse(shape: Behaviour["createShape"], task: SimTaskView): unknown {
  switch (shape) {
    case "flat":
      return {
        id: task.id,
        status: "pending",
        model: task.model,
        created_at: new Date(task.createdAt).toISOString(),
      };
    case "kie":
      return { code: 200, msg: "success", data: { taskId: task.id } };
    default:
      return { code: 200, message: "success", data: { task_id: task.id, status: "IN_PROGRESS" } };
  }
}

const upper: Record<SimTaskPhase, string> = {
  queued: "PENDING",
  running: "IN_PROGRESS",
  succeeded: "COMPLETED",
  failed: "FAILED",
};
const kieState: Record<SimTaskPhase, string> = {
  queued: "queuing",
  running: "generating",
  succeeded: "success",
  failed: "fail",
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

// Where each shape says what it was asked [INF]: KIE's recordInfo carries the whole request as the
// JSON string `param`; the others an `input` object, or (flat) the prompt at the top.
const input = (request: SimTaskRequest) => ({
  prompt: request.prompt,
  aspect_ratio: request.aspectRatio,
  quality: request.quality,
});

function kieParam(task: SimTaskView): string | undefined {
  if (!task.request) return undefined;
  return JSON.stringify({
    model: task.model,
    ...(task.request.callbackUrl ? { callBackUrl: task.request.callbackUrl } : {}),
    input: input(task.request),
  });
}

export function statusResponse(shape: Behaviour["statusShape"], task: SimTaskView): unknown {
  const urls = task.imageUrl ? [task.imageUrl] : [];
  const done = task.phase === "succeeded";
  switch (shape) {
    case "kie":
      return {
        code: 200,
        msg: "success",
        data: {
          taskId: task.id,
          model: task.model,
          ...(task.request ? { param: kieParam(task) } : {}),
          state: kieState[task.phase],
          resultJson: done ? JSON.stringify({ resultUrls: urls }) : "",
          failCode: task.error ? "500" : "",
          failMsg: task.error ?? "",
          createTime: task.createdAt,
          completeTime: task.completedAt,
        },
      };
    case "flat":
      return {
        task_id: task.id,
        ...(task.request ? { prompt: task.request.prompt } : {}),
        status:
          task.phase === "running" ? "processing" : task.phase === "succeeded" ? "completed" : task.phase,
        progress: task.progress,
        output: done ? { images: urls.map((url) => ({ url })) } : null,
        error: task.error,
      };
    default: {
      const output = !done
        ? null
        : shape === "image_url"
          ? { image_url: urls[0] }
          : shape === "output_array"
            ? urls
            : shape === "result_urls"
              ? null
              : { image_urls: urls };
      return {
        code: 200,
        message: "success",
        data: {
          task_id: task.id,
          model: task.model,
          ...(task.request ? { input: input(task.request) } : {}),
          status: shape === "lowercase" ? upper[task.phase].toLowerCase() : upper[task.phase],
          progress: task.progress,
          output,
          ...(shape === "result_urls" && done ? { result_urls: urls } : {}),
          error: task.error && (shape === "lowercase" ? task.error : { code: 500, message: task.error }),
          created_at: iso(task.createdAt),
          completed_at: iso(task.completedAt),
        },
      };
    }
  }
}
