import type http from "node:http";
import { z } from "zod";
import { readJson, send } from "../http";
import type { HostTask, HostTaskStore } from "./host-tasks";
import { readBytes, type UploadStore } from "./uploads";

// fal's queue (contract §5): submit → request_id; status words IN_QUEUE, IN_PROGRESS, COMPLETED,
// FAILED; the result at the app's request path; at most 10 references for an edit.

const APP = "/fal-ai/bytedance";
const PRESETS: Record<string, { width: number; height: number }> = {
  square_hd: { width: 2048, height: 2048 },
  square: { width: 2048, height: 2048 },
  landscape_16_9: { width: 2848, height: 1600 },
  portrait_16_9: { width: 1600, height: 2848 },
  landscape_4_3: { width: 2304, height: 1728 },
  portrait_4_3: { width: 1728, height: 2304 },
  auto_2K: { width: 2048, height: 2048 },
  auto_4K: { width: 4096, height: 4096 },
};
const createBody = z.object({
  prompt: z.string().trim().min(1).max(3000),
  image_urls: z.array(z.url()).min(1).max(10).optional(),
  num_images: z.number().int().min(1).max(6).default(1),
  image_size: z
    .union([
      z.enum(Object.keys(PRESETS) as [string, ...string[]]),
      z
        .object({ width: z.number().int().min(1).max(4096), height: z.number().int().min(1).max(4096) })
        .refine(
          ({ width, height }) => width * height >= 2560 * 1440 && width * height <= 4096 * 4096,
          "size",
        ),
    ])
    .default("square_hd"),
  enable_safety_checker: z.boolean().default(true),
  seed: z.number().int().optional(),
});

const initiateBody = z.object({
  content_type: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/),
  file_name: z.string().min(1).max(200),
});
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const detail = (res: http.ServerResponse, status: number, msg: string) =>
  send(res, status, { detail: [{ loc: ["body"], msg, type: "value_error" }] });

const STATUS = {
  queued: "IN_QUEUE",
  running: "IN_PROGRESS",
  succeeded: "COMPLETED",
  failed: "FAILED",
} as const;

export function createFalHost(store: HostTaskStore, fileBaseUrl: () => string) {
  async function submit(req: http.IncomingMessage, res: http.ServerResponse, mode: "text-to-image" | "edit") {
    const parsed = createBody.safeParse(await readJson(req));
    if (!parsed.success)
      return detail(
        res,
        422,
        `${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`,
      );
    const body = parsed.data;
    if (mode === "edit" && !body.image_urls) return detail(res, 422, "image_urls: field required");
    const behaviour = store.behaviourFor(body.prompt).behaviour;
    if (behaviour.create === "rate_limited") return send(res, 429, { detail: "Rate limit exceeded" });
    if (behaviour.create === "key_rejected") return send(res, 401, { detail: "Invalid key" });
    if (behaviour.create === "server_error") return send(res, 500, { detail: "Internal error" });
    const size =
      typeof body.image_size === "string" ? (PRESETS[body.image_size] ?? PRESETS.square_hd) : body.image_size;
    const task = store.start({
      host: "fal",
      model: `fal-ai/bytedance/seedream/v4.5/${mode}`,
      prompt: body.prompt,
      width: size?.width ?? 2048,
      height: size?.height ?? 2048,
      count: body.num_images,
      references: body.image_urls ?? [],
      callbackUrl: null,
      extras: { numImages: body.num_images },
    });
    const requestUrl = `${fileBaseUrl()}${APP}/requests/${task.id}`;
    send(res, 200, {
      request_id: task.id,
      response_url: requestUrl,
      status_url: `${requestUrl}/status`,
      cancel_url: `${requestUrl}/cancel`,
    });
  }

  function status(res: http.ServerResponse, task: HostTask) {
    task.statusCalls++;
    send(res, 200, { status: STATUS[task.phase], ...(task.phase === "queued" ? { queue_position: 0 } : {}) });
  }

  function result(res: http.ServerResponse, task: HostTask) {
    if (task.phase === "failed") return detail(res, 422, task.error ?? "failed");
    if (task.phase !== "succeeded") return send(res, 400, { detail: "Request is still in progress" });
    send(res, 200, {
      images: store.fileUrls(task).map((url, index) => ({
        url,
        width: task.width,
        height: task.height,
        content_type: task.files[index]?.contentType ?? "image/jpeg",
      })),
      seed: 42,
    });
  }

  return {
    async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
      if (!url.pathname.startsWith(`${APP}/`)) return false;
      if (!/^Key \S+/.test(req.headers.authorization ?? "")) {
        send(res, 401, { detail: "Missing authorization" });
        return true;
      }
      const endpoint = url.pathname.match(/^\/fal-ai\/bytedance\/seedream\/v4\.5\/(text-to-image|edit)$/);
      if (endpoint && req.method === "POST") {
        await submit(req, res, endpoint[1] === "edit" ? "edit" : "text-to-image");
        return true;
      }
      const request = url.pathname.match(/^\/fal-ai\/bytedance\/requests\/([\w-]+)(\/status)?$/);
      const task = request ? store.get(request[1] ?? "") : undefined;
      if (!request || req.method !== "GET") send(res, 404, { detail: "Not found" });
      else if (task?.host !== "fal") send(res, 404, { detail: "Request not found" });
      else if (request[2]) status(res, task);
      else result(res, task);
      return true;
    },
  };
}

/**
 * fal's storage: initiate (with the key) answers a signed upload URL and the file's URL; a PUT of
 * the bytes (no key, the Content-Type it was initiated with) to the first makes the second work.
 */
export function createFalStorage(uploads: UploadStore, fileBaseUrl: () => string) {
  async function initiate(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!/^Key \S+/.test(req.headers.authorization ?? ""))
      return send(res, 401, { detail: "Missing authorization" });
    const parsed = initiateBody.safeParse(await readJson(req));
    if (!parsed.success) return detail(res, 422, "content_type and file_name are required");
    const slot = uploads.reserve("fal", parsed.data.file_name, parsed.data.content_type);
    send(res, 200, {
      upload_url: `${fileBaseUrl()}/fal-storage/upload/${slot.id}?signature=simulated`,
      file_url: uploads.urlOf(slot),
    });
  }

  async function put(req: http.IncomingMessage, res: http.ServerResponse, id: string): Promise<void> {
    const slot = uploads.get(id);
    if (slot?.host !== "fal" || slot.body) return send(res, 403, { error: "invalid or used upload URL" });
    if (req.headers["content-type"] !== slot.contentType)
      return send(res, 403, { error: "Content-Type differs from the signed one" });
    const body = await readBytes(req, MAX_UPLOAD_BYTES);
    if (!body || body.length === 0) return send(res, 400, { error: "empty or too large" });
    // Evicted meanwhile (the store keeps only so much), or larger than all it keeps.
    if (!uploads.fill(slot, body)) return send(res, 403, { error: "upload URL expired" });
    res.writeHead(200);
    res.end();
  }

  return {
    async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
      if (req.method === "POST" && url.pathname === "/storage/upload/initiate") {
        await initiate(req, res);
        return true;
      }
      const upload = url.pathname.match(/^\/fal-storage\/upload\/([a-f0-9]{24})$/);
      if (upload && req.method === "PUT") {
        await put(req, res, upload[1] ?? "");
        return true;
      }
      return false;
    },
  };
}
