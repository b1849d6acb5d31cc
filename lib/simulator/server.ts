import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { describeError } from "../logging/log";
import { MODELS, OUTPUT_SIZES } from "../seedream/constants";
import {
  type Behaviour,
  type BehaviourPatch,
  behaviourSchema,
  defaultBehaviour,
  promptDirectives,
  resolveBehaviour,
} from "./behaviour";
import { isControlAuthorized, newControlSecret } from "./control-secret";
import { fetchReferences } from "./fetch-references";
import { createSimulatedHosts } from "./hosts";
import { errorBody, readJson, send } from "./http";
import { renderSimulatedImage } from "./render-image";
import { createResponse, type SimTaskPhase, type SimTaskView, statusResponse } from "./shapes";
import { taskInputFields } from "./task-input";

const createBody = z.object({
  model: z.enum([MODELS.generate, MODELS.edit]),
  ...taskInputFields,
  callback_url: z.url().optional(),
});

interface SimTask {
  id: string;
  request: z.output<typeof createBody>;
  behaviour: Behaviour;
  /** What the prompt's directives pinned; anything else follows the current global behaviour. */
  pinned: BehaviourPatch;
  createdAt: number;
  completedAt: number | null;
  phase: SimTaskPhase;
  error: string | null;
  file: { name: string; body: Buffer; contentType: string; expiresAt: number } | null;
  statusCalls: number;
  fileCalls: number;
}

export interface Simulator {
  url: string;
  /** What `/__sim/*` requests must send as `Authorization: Bearer <secret>`. */
  controlSecret: string;
  /** Base URL the app's client should use (the contract's `/api/v1`). */
  apiUrl: string;
  setBehaviour(patch: BehaviourPatch): void;
  resetBehaviour(): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const CALLBACK_RETRY_MS = 2000;

export async function startSimulator({
  port = 0,
  host = "127.0.0.1",
  log = () => {},
  controlSecret = newControlSecret(),
  kieWebhookKey = null,
}: {
  port?: number;
  host?: string;
  /** `info`: a normal event worth a line (a callback not answered), never an alarm. */
  log?: (line: string, level?: "info" | "warn") => void;
  controlSecret?: string;
  /** What KIE's callbacks are signed with (KIE_WEBHOOK_HMAC_KEY); unsigned when null. */
  kieWebhookKey?: string | null;
} = {}): Promise<Simulator> {
  let behaviour: Behaviour = defaultBehaviour;
  const tasks = new Map<string, SimTask>();
  const timers = new Set<NodeJS.Timeout>();
  const failedOnce = new Set<string>();
  let baseUrl = "";
  const hosts = createSimulatedHosts({ baseUrl: () => baseUrl, behaviour: () => behaviour, kieWebhookKey });

  const view = (task: SimTask): SimTaskView => {
    const elapsed = Date.now() - task.createdAt;
    const duration = Math.max(1, task.behaviour.durationMs);
    return {
      id: task.id,
      model: task.request.model,
      request: task.behaviour.echoRequest
        ? {
            prompt: task.request.prompt,
            aspectRatio: task.request.aspect_ratio,
            quality: task.request.quality,
            callbackUrl: task.request.callback_url ?? null,
          }
        : null,
      phase: task.phase,
      progress:
        task.phase === "succeeded" || task.phase === "failed"
          ? 100
          : Math.min(99, Math.floor((elapsed / duration) * 100)),
      imageUrl:
        task.file && task.behaviour.outcome !== "no_url" ? `${baseUrl}/files/${task.file.name}` : null,
      error: task.error,
      createdAt: task.createdAt,
      completedAt: task.completedAt,
    };
  };

  async function postCallback(task: SimTask) {
    const target = task.request.callback_url;
    if (!target || !task.behaviour.callbacks) return;
    for (let attempt = 0; ; attempt++) {
      let failure: string;
      try {
        const response = await fetch(target, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(statusResponse(task.behaviour.statusShape, view(task))),
          signal: AbortSignal.timeout(5000),
        });
        // Only trouble on the receiving end is worth another try; a refusal is an answer.
        if (response.status < 500) return;
        failure = `HTTP ${response.status}`;
      } catch (error) {
        const { error: name, code } = describeError(error);
        failure = name === "TimeoutError" ? "no answer within 5 s" : (code ?? name);
      }
      // A callback is only a hint: the app learns the outcome from its own status checks anyway,
      // and `next dev` compiling the route on first use is enough to miss the 5 s.
      log(
        `callback to ${new URL(target).origin} not delivered (${failure}, try ${attempt + 1}); the app's status checks will pick the result up`,
        "info",
      );
      if (attempt >= task.behaviour.callbackRetries) return;
      await sleep(CALLBACK_RETRY_MS);
    }
  }

  async function finish(task: SimTask) {
    const failOnce = task.behaviour.outcome === "fail_once" && !failedOnce.has(task.request.prompt);
    if (failOnce) failedOnce.add(task.request.prompt);
    if (task.behaviour.outcome === "fail" || failOnce) {
      task.phase = "failed";
      task.error = "Simulated failure: the model could not produce this image.";
    } else {
      const size = OUTPUT_SIZES[task.request.aspect_ratio][task.request.quality];
      const format = task.behaviour.format;
      let reference: Buffer | undefined;
      if (task.request.model === MODELS.edit) {
        const fetched = await fetchReferences(
          task.request.image_urls ?? [],
          task.behaviour.referenceTimeoutMs,
        );
        if (typeof fetched === "string") {
          task.phase = "failed";
          task.error = fetched;
          task.completedAt = Date.now();
          await postCallback(task);
          return;
        }
        reference = fetched[0];
      }
      const body = await renderSimulatedImage({ prompt: task.request.prompt, ...size, format, reference });
      task.file = {
        name: `${task.id}.${format === "png" ? "png" : "jpg"}`,
        body,
        contentType: `image/${format}`,
        expiresAt: Date.now() + task.behaviour.urlTtlMs,
      };
      task.phase = "succeeded";
    }
    task.completedAt = Date.now();
    await postCallback(task);
  }

  function schedule(task: SimTask) {
    const queuedFor = Math.floor(task.behaviour.durationMs * 0.15);
    const toRunning = setTimeout(() => {
      if (task.phase === "queued") task.phase = "running";
    }, queuedFor);
    timers.add(toRunning);
    if (task.behaviour.outcome === "forever") return;
    const done = setTimeout(() => {
      timers.delete(done);
      finish(task).catch((error: unknown) => {
        task.phase = "failed";
        task.error = `Simulator could not render: ${(error as Error).message}`;
      });
    }, task.behaviour.durationMs);
    timers.add(done);
  }

  async function misbehave(res: http.ServerResponse, mode: string): Promise<boolean> {
    switch (mode) {
      case "ok":
      case "accepted_then_error":
        return false;
      case "hang":
        return true; // never answers; the client's timeout must cope
      case "garbage":
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<html>502 Bad Gateway</html>");
        return true;
      case "rate_limited":
        send(res, 429, errorBody(429, "Rate limit exceeded", "rate_limit"), { "retry-after": "1" });
        return true;
      case "server_error":
        send(res, 500, errorBody(500, "Internal error", "server_error"));
        return true;
      case "bad_request":
        send(res, 400, errorBody(400, "Invalid parameters", "invalid_request"));
        return true;
      case "key_rejected":
        send(res, 401, errorBody(401, "Invalid API key", "authentication_error"));
        return true;
      case "out_of_credits":
        send(res, 402, errorBody(402, "Insufficient credits", "billing_error"));
        return true;
      case "body_error":
        send(res, 200, { code: 401, msg: "You do not have access permissions" });
        return true;
      case "not_found":
        send(res, 422, { code: 422, msg: "recordInfo is null" });
        return true;
      default:
        return false;
    }
  }

  async function handleCreate(req: http.IncomingMessage, res: http.ServerResponse) {
    const raw = await readJson(req);
    const patch = promptDirectives(z.object({ prompt: z.string() }).safeParse(raw).data?.prompt ?? "");
    const taskBehaviour = resolveBehaviour(behaviour, patch);
    const accepts = taskBehaviour.create === "ok" || taskBehaviour.create === "accepted_then_error";
    const parsed = createBody.safeParse(raw);
    if (!accepts || !parsed.success) await sleep(taskBehaviour.latencyMs);
    if (await misbehave(res, taskBehaviour.create)) return;
    if (!parsed.success) {
      return send(
        res,
        400,
        errorBody(400, `Invalid parameters: ${parsed.error.issues[0]?.path.join(".")}`, "invalid_request"),
      );
    }
    if (parsed.data.model === MODELS.edit && !parsed.data.image_urls) {
      return send(res, 400, errorBody(400, "image_urls is required for edit", "invalid_request"));
    }
    const task: SimTask = {
      id: `sim_${randomBytes(8).toString("hex")}`,
      request: parsed.data,
      behaviour: taskBehaviour,
      pinned: patch,
      createdAt: Date.now(),
      completedAt: null,
      phase: "queued",
      error: null,
      file: null,
      statusCalls: 0,
      fileCalls: 0,
    };
    tasks.set(task.id, task);
    schedule(task);
    // The task exists (and would be billed) from here on, however long the answer takes and
    // whether or not the caller is still there to read it: what a crash mid-create leaves behind.
    await sleep(taskBehaviour.latencyMs);
    if (taskBehaviour.create === "accepted_then_error") {
      return send(res, 500, errorBody(500, "Internal error", "server_error"));
    }
    send(res, 200, createResponse(taskBehaviour.createShape, view(task)));
  }

  async function handleStatus(res: http.ServerResponse, taskId: string) {
    const task = tasks.get(taskId);
    const mode = resolveBehaviour(behaviour, task?.pinned ?? {});
    await sleep(mode.latencyMs);
    if (task) task.statusCalls++;
    if (await misbehave(res, mode.status)) return;
    if (!task) return send(res, 422, { code: 422, msg: "recordInfo is null" });
    send(res, 200, statusResponse(task.behaviour.statusShape, view(task)));
  }

  function handleFile(res: http.ServerResponse, name: string) {
    const task = tasks.get(name.replace(/\.[a-z]+$/, ""));
    if (task) task.fileCalls++;
    if (task && resolveBehaviour(behaviour, task.pinned).files === "server_error") {
      return send(res, 500, { error: "Simulated result host failure" });
    }
    const file = task?.file;
    if (!file || file.name !== name) return send(res, 404, { error: "not found" });
    // Like the real host's signed URLs: after the TTL the file is gone for good.
    if (Date.now() > file.expiresAt) return send(res, 403, { error: "AccessDenied: Request has expired" });
    res.writeHead(200, { "content-type": file.contentType, "content-length": String(file.body.length) });
    res.end(file.body);
  }

  async function handleControl(req: http.IncomingMessage, res: http.ServerResponse) {
    if (req.method === "DELETE") {
      behaviour = defaultBehaviour;
      return send(res, 200, behaviour);
    }
    const patch = behaviourSchema.partial().safeParse(await readJson(req));
    if (!patch.success) return send(res, 400, { error: z.prettifyError(patch.error) });
    behaviour = resolveBehaviour(behaviour, patch.data);
    send(res, 200, behaviour);
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://simulator");
    const route = `${req.method} ${url.pathname}`;
    const run = async () => {
      if (route === "POST /api/v1/images/generations" || url.pathname.startsWith("/api/v1/tasks/")) {
        if (!/^Bearer \S+/.test(req.headers.authorization ?? "")) {
          return send(res, 401, errorBody(401, "Missing API key", "authentication_error"));
        }
      }
      if (route === "POST /api/v1/images/generations") return handleCreate(req, res);
      const status = url.pathname.match(/^\/api\/v1\/tasks\/([^/]+)$/);
      if (status && req.method === "GET") return handleStatus(res, decodeURIComponent(status[1] ?? ""));
      const file = url.pathname.match(/^\/files\/([\w.-]+)$/);
      if (file && req.method === "GET") return handleFile(res, file[1] ?? "");
      if (await hosts.handle(req, res, url)) return;
      if (route === "GET /__sim/health") return send(res, 200, { ok: true, simulated: true });
      if (
        url.pathname.startsWith("/__sim/") &&
        !isControlAuthorized(req.headers.authorization, controlSecret)
      ) {
        return send(
          res,
          401,
          errorBody(401, "Control endpoints need the simulator's secret", "unauthorized"),
        );
      }
      if (url.pathname === "/__sim/behaviour") return handleControl(req, res);
      const stats = url.pathname.match(/^\/__sim\/tasks\/([^/]+)$/);
      if (stats) {
        const task = tasks.get(decodeURIComponent(stats[1] ?? ""));
        if (!task) return send(res, 404, { error: "no such task" });
        return send(res, 200, { ...view(task), statusCalls: task.statusCalls, fileCalls: task.fileCalls });
      }
      if (route === "GET /__sim/host-tasks") return send(res, 200, hosts.describeTasks());
      if (route === "GET /__sim/tasks") {
        return send(
          res,
          200,
          [...tasks.values()].map((task) => ({
            ...view(task),
            prompt: task.request.prompt,
            // What the create carried, so a test can check the reference URLs it was sent.
            imageUrls: task.request.image_urls ?? [],
            callbackUrl: task.request.callback_url ?? null,
            statusCalls: task.statusCalls,
            fileCalls: task.fileCalls,
          })),
        );
      }
      send(res, 404, errorBody(404, "Not found", "not_found"));
    };
    run().catch((error: unknown) => {
      log(`simulator error: ${describeError(error).error}`);
      if (!res.headersSent) send(res, 500, errorBody(500, "Simulator error", "server_error"));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${host}:${address.port}`;

  return {
    url: baseUrl,
    controlSecret,
    apiUrl: `${baseUrl}/api/v1`,
    setBehaviour: (patch) => {
      behaviour = resolveBehaviour(behaviour, patch);
    },
    resetBehaviour: () => {
      behaviour = defaultBehaviour;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      hosts.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
