import type http from "node:http";
import { z } from "zod";
import { readJson, send } from "../http";
import type { HostTaskStore } from "./host-tasks";

// BytePlus ModelArk (contract §5): synchronous, per-item errors, the traps of its defaults
// (max_images 15 under "auto", watermark on) imitated so that a request relying on them shows it.

const reference = z.union([z.url(), z.string().regex(/^data:image\/(png|jpeg|webp);base64,/)]);
const createBody = z.object({
  model: z.string().min(1),
  prompt: z.string().trim().min(1).max(3000),
  image: z.union([reference, z.array(reference).min(1).max(14)]).optional(),
  size: z.string().regex(/^\d+x\d+$/),
  sequential_image_generation: z.enum(["auto", "disabled"]).default("disabled"),
  sequential_image_generation_options: z.object({ max_images: z.number().int().min(1).max(15) }).optional(),
  response_format: z.enum(["url", "b64_json"]).default("url"),
  watermark: z.boolean().default(true),
});

const arkError = (res: http.ServerResponse, status: number, code: string, message: string) =>
  send(res, status, { error: { code, message, type: "InvalidRequestError" } });

const CREATE_FAILURES: Record<string, [number, string]> = {
  rate_limited: [429, "RateLimitExceeded.EndpointRPMExceeded"],
  server_error: [500, "InternalServiceError"],
  bad_request: [400, "InvalidParameter"],
  key_rejected: [401, "AuthenticationError"],
  out_of_credits: [403, "AccountOverdueError"],
  body_error: [401, "AuthenticationError"],
};

export function createArkHost(store: HostTaskStore) {
  async function create(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const parsed = createBody.safeParse(await readJson(req));
    if (!parsed.success)
      return arkError(res, 400, "InvalidParameter", `${parsed.error.issues[0]?.path.join(".")}`);
    const body = parsed.data;
    const failure = CREATE_FAILURES[store.behaviourFor(body.prompt).behaviour.create];
    if (failure) return arkError(res, failure[0], failure[1], "Simulated failure");
    const [width, height] = body.size.split("x").map(Number) as [number, number];
    if (width * height < 3_686_400 || width * height > 16_777_216) {
      return arkError(res, 400, "InvalidParameter", "size is out of range");
    }
    const references = body.image === undefined ? [] : Array.isArray(body.image) ? body.image : [body.image];
    const count =
      body.sequential_image_generation === "auto"
        ? (body.sequential_image_generation_options?.max_images ?? 15)
        : 1;
    if (references.length + count > 15) return arkError(res, 400, "InvalidParameter", "too many images");
    const task = await store.runNow({
      host: "ark",
      model: body.model,
      prompt: body.prompt,
      width,
      height,
      count,
      references,
      callbackUrl: null,
      extras: {
        watermark: body.watermark,
        maxImages: body.sequential_image_generation_options?.max_images ?? null,
      },
    });
    const urls = store.fileUrls(task);
    if (task.phase === "failed" && task.itemErrors.length === 0) {
      return send(res, 200, {
        model: body.model,
        created: Math.floor(Date.now() / 1000),
        data: [],
        error: { code: "OutputImageSensitiveContentDetected", message: task.error },
        usage: { generated_images: 0, output_tokens: 0, total_tokens: 0 },
      });
    }
    const data: unknown[] = [];
    for (let index = 1, made = 0; index <= count; index++) {
      const withheld = task.itemErrors.find((item) => item.index === index);
      if (withheld)
        data.push({ error: { code: "OutputImageSensitiveContentDetected", message: withheld.message } });
      else data.push({ url: urls[made++], size: body.size });
    }
    send(res, 200, {
      model: body.model,
      created: Math.floor(Date.now() / 1000),
      data,
      usage: {
        generated_images: urls.length,
        output_tokens: urls.length * 4096,
        total_tokens: urls.length * 4096,
      },
    });
  }

  return {
    async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
      if (!(req.method === "POST" && url.pathname === "/api/v3/images/generations")) return false;
      if (!/^Bearer \S+/.test(req.headers.authorization ?? "")) {
        arkError(res, 401, "AuthenticationError", "The API key is missing");
      } else await create(req, res);
      return true;
    },
  };
}
