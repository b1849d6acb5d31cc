import { createHmac } from "node:crypto";
import type http from "node:http";
import { z } from "zod";
import { MODELS, OUTPUT_SIZES } from "../../seedream/constants";
import { readJson, send } from "../http";
import { taskInputFields } from "../task-input";
import type { HostTask, HostTaskStore } from "./host-tasks";
import type { UploadStore } from "./uploads";

// KIE direct (contract §5): errors as HTTP 200 with a code in the body, resultJson as a JSON string,
// callbacks on success and failure that carry an HMAC when a webhook key is set. Its file host
// takes base64 uploads (errors as HTTP 200 with a code too) and serves them back at `downloadUrl`.

const createBody = z.object({
  model: z.enum([MODELS.generate, MODELS.edit]),
  callBackUrl: z.url().optional(),
  input: z.object(taskInputFields),
});

const uploadBody = z.object({
  base64Data: z.string().min(1),
  uploadPath: z.string().min(1).max(200),
  fileName: z.string().min(1).max(200).optional(),
});
// A data URL or plain base64, as the file host accepts both.
const BASE64_DATA = /^(?:data:([\w.+-]+\/[\w.+-]+);base64,)?([A-Za-z0-9+/]+={0,2})$/;

const uploadError = (res: http.ServerResponse, code: number, msg: string) =>
  send(res, 200, { success: false, code, msg, data: null });

const bodyError = (res: http.ServerResponse, code: number, msg: string) => send(res, 200, { code, msg });

// KIE's create failures, all as HTTP 200 with the code in the body.
const CREATE_FAILURES: Record<string, [number, string]> = {
  rate_limited: [429, "The request rate exceeds the limit"],
  server_error: [500, "Internal server error"],
  bad_request: [422, "Invalid parameters"],
  key_rejected: [401, "You do not have access permissions"],
  out_of_credits: [402, "Credits insufficient"],
  body_error: [401, "You do not have access permissions"],
};

const STATES = { queued: "waiting", running: "generating", succeeded: "success", failed: "fail" } as const;

function recordInfo(task: HostTask, fileUrls: string[]) {
  return {
    taskId: task.id,
    model: task.model,
    state: STATES[task.phase],
    param: JSON.stringify({
      model: task.model,
      callBackUrl: task.callbackUrl ?? undefined,
      input: task.extras.input,
    }),
    resultJson: task.phase === "succeeded" ? JSON.stringify({ resultUrls: fileUrls }) : "",
    failCode: task.phase === "failed" ? "500" : "",
    failMsg: task.error ?? "",
    createTime: task.createdAt,
    completeTime: task.completedAt,
    costTime: task.completedAt === null ? null : task.completedAt - task.createdAt,
  };
}

export function createKieHost(
  store: HostTaskStore,
  uploads: UploadStore,
  options: { webhookKey: string | null },
) {
  async function upload(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const parsed = uploadBody.safeParse(await readJson(req));
    if (!parsed.success) return uploadError(res, 400, "base64Data and uploadPath are required");
    const data = BASE64_DATA.exec(parsed.data.base64Data);
    const bytes = Buffer.from(data?.[2] ?? "", "base64");
    if (!data || bytes.length === 0) return uploadError(res, 400, "Invalid base64 data");
    const contentType = data[1] ?? "application/octet-stream";
    const stored = uploads.put("kie", parsed.data.fileName ?? "upload", contentType, bytes);
    if (!stored) return uploadError(res, 413, "File too large");
    send(res, 200, {
      success: true,
      code: 200,
      msg: "File uploaded successfully",
      data: {
        fileName: stored.name,
        filePath: `${parsed.data.uploadPath}/${stored.name}`,
        downloadUrl: uploads.urlOf(stored),
        fileSize: bytes.length,
        mimeType: contentType,
        uploadedAt: new Date().toISOString(),
      },
    });
  }

  async function postCallback(task: HostTask): Promise<void> {
    if (!task.callbackUrl || !task.behaviour.callbacks) return;
    const ok = task.phase === "succeeded";
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (options.webhookKey) {
      headers["X-Webhook-Timestamp"] = timestamp;
      headers["X-Webhook-Signature"] = createHmac("sha256", options.webhookKey)
        .update(`${task.id}.${timestamp}`)
        .digest("base64");
    }
    const data = {
      ...recordInfo(task, store.fileUrls(task)),
      consumeCredits: ok ? 1 : 0,
      remainedCredits: 100,
    };
    await fetch(task.callbackUrl, {
      method: "POST",
      headers,
      body: JSON.stringify({ code: ok ? 200 : 501, msg: ok ? "success" : task.error, data }),
      signal: AbortSignal.timeout(5000),
    }).catch(() => {});
  }

  async function create(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readJson(req);
    const parsed = createBody.safeParse(raw);
    if (!parsed.success)
      return bodyError(res, 422, `Invalid parameters: ${parsed.error.issues[0]?.path.join(".")}`);
    const { model, input, callBackUrl } = parsed.data;
    const behaviour = store.behaviourFor(input.prompt).behaviour;
    const failure = CREATE_FAILURES[behaviour.create];
    if (failure) return bodyError(res, ...failure);
    if (model === MODELS.generate && input.image_urls)
      return bodyError(res, 422, "image_urls is not allowed for text-to-image");
    if (model === MODELS.edit && !input.image_urls) return bodyError(res, 422, "image_urls is required");
    const task = store.start(
      {
        host: "kie",
        model,
        prompt: input.prompt,
        ...OUTPUT_SIZES[input.aspect_ratio][input.quality],
        count: 1,
        references: input.image_urls ?? [],
        callbackUrl: callBackUrl ?? null,
        extras: { input },
      },
      postCallback,
    );
    send(res, 200, { code: 200, msg: "success", data: { taskId: task.id } });
  }

  function status(res: http.ServerResponse, taskId: string): void {
    const task = store.get(taskId);
    if (task?.host !== "kie") {
      bodyError(res, 422, "recordInfo is null");
      return;
    }
    task.statusCalls++;
    send(res, 200, { code: 200, msg: "success", data: recordInfo(task, store.fileUrls(task)) });
  }

  return {
    /** Handles the request if it is KIE's; false otherwise. */
    async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
      const isCreate = req.method === "POST" && url.pathname === "/api/v1/jobs/createTask";
      const isStatus = req.method === "GET" && url.pathname === "/api/v1/jobs/recordInfo";
      const isUpload = req.method === "POST" && url.pathname === "/api/file-base64-upload";
      if (!isCreate && !isStatus && !isUpload) return false;
      if (!/^Bearer \S+/.test(req.headers.authorization ?? "")) {
        if (isUpload) uploadError(res, 401, "Unauthorized");
        else bodyError(res, 401, "You do not have access permissions");
      } else if (isUpload) await upload(req, res);
      else if (isCreate) await create(req, res);
      else status(res, url.searchParams.get("taskId") ?? "");
      return true;
    },
  };
}
