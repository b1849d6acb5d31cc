import { type AspectRatio, type GenerationMode, MODELS, type Quality } from "./constants";
import { errorCodeForStatus, SeedreamError } from "./errors";
import {
  type CreatedTask,
  parseCreateResponse,
  parseTaskResponse,
  type TaskSnapshot,
  throwIfErrorBody,
} from "./responses";

export interface CreateTaskInput {
  mode: GenerationMode;
  prompt: string;
  aspectRatio: AspectRatio;
  quality: Quality;
  imageUrls?: string[];
  callbackUrl?: string;
}

export interface SeedreamClient {
  createTask(input: CreateTaskInput): Promise<CreatedTask>;
  getTask(taskId: string): Promise<TaskSnapshot>;
}

export interface SeedreamClientOptions {
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  createTimeoutMs?: number;
  statusTimeoutMs?: number;
  /** How often a create answered 429 is tried again (the upstream does not queue the excess). */
  rateLimitRetries?: number;
  defaultRetryAfterMs?: number;
  statusRetries?: number;
}

// Errors raised before a single byte reached the upstream: resending cannot charge twice.
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);

function networkErrorCode(error: unknown): string | null {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return null;
}

function retryAfterMs(header: string | null, fallback: number): number {
  if (!header) return fallback;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? fallback : Math.max(0, date - Date.now());
}

async function readBody(response: Response): Promise<unknown> {
  const raw = await response.text();
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createSeedreamClient(options: SeedreamClientOptions): SeedreamClient {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const headers = {
    Authorization: `Bearer ${options.apiKey}`,
    "Content-Type": "application/json",
    Accept: "application/json",
  };
  const rateLimitRetries = options.rateLimitRetries ?? 3;
  const defaultRetryAfter = options.defaultRetryAfterMs ?? 10_000;

  async function createTask(input: CreateTaskInput): Promise<CreatedTask> {
    const body = JSON.stringify({
      model: MODELS[input.mode],
      prompt: input.prompt,
      // Always sent: KIE rejected requests that relied on the defaults.
      aspect_ratio: input.aspectRatio,
      quality: input.quality,
      ...(input.mode === "edit" ? { image_urls: input.imageUrls ?? [] } : {}),
      ...(input.callbackUrl ? { callback_url: input.callbackUrl } : {}),
    });
    let connectRetries = 2;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await doFetch(`${baseUrl}/images/generations`, {
          method: "POST",
          headers,
          body,
          signal: AbortSignal.timeout(options.createTimeoutMs ?? 30_000),
        });
      } catch (error) {
        const code = networkErrorCode(error);
        if (code && NEVER_SENT.has(code)) {
          if (connectRetries-- > 0) {
            await sleep(500);
            continue;
          }
          throw new SeedreamError("upstream_unavailable", { cause: error });
        }
        // Timed out or cut off after sending: the task may exist and may be billed.
        throw new SeedreamError("outcome_unknown", { cause: error });
      }
      const parsed = await readBody(response);
      try {
        if (response.status === 429) {
          throw new SeedreamError("rate_limited", {
            httpStatus: 429,
            retryAfterMs: retryAfterMs(response.headers.get("retry-after"), defaultRetryAfter),
          });
        }
        if (!response.ok) {
          throwIfErrorBody(parsed, "create", response.status);
          throw new SeedreamError(errorCodeForStatus(response.status, "create"), {
            httpStatus: response.status,
          });
        }
        if (parsed === undefined) {
          throw new SeedreamError("outcome_unknown", {
            httpStatus: response.status,
            upstreamMessage: "unreadable body",
          });
        }
        return parseCreateResponse(parsed, response.status);
      } catch (error) {
        // A 429 is refused, not queued: sending again is safe and is what the contract asks.
        if (error instanceof SeedreamError && error.code === "rate_limited" && attempt < rateLimitRetries) {
          await sleep(error.retryAfterMs ?? defaultRetryAfter);
          continue;
        }
        throw error;
      }
    }
  }

  async function getTaskOnce(taskId: string): Promise<TaskSnapshot> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/tasks/${encodeURIComponent(taskId)}`, {
        headers,
        signal: AbortSignal.timeout(options.statusTimeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new SeedreamError("upstream_unavailable", { cause: error });
    }
    const parsed = await readBody(response);
    if (!response.ok) {
      throwIfErrorBody(parsed, "status", response.status);
      throw new SeedreamError(errorCodeForStatus(response.status, "status"), {
        httpStatus: response.status,
        retryAfterMs: retryAfterMs(response.headers.get("retry-after"), 1000),
      });
    }
    if (parsed === undefined) {
      throw new SeedreamError("invalid_response", {
        httpStatus: response.status,
        upstreamMessage: "unreadable body",
      });
    }
    return parseTaskResponse(parsed, response.status);
  }

  // Reading a status is idempotent, so a quick blip (a reset, a 5xx, a garbled body) is tried again
  // at once. A 429 asks us to slow down and a timeout already took its time: those go straight back
  // to the caller, whose back-off (kept in the database) decides when to ask again.
  const isQuickBlip = (error: unknown): error is SeedreamError =>
    error instanceof SeedreamError &&
    (error.code === "invalid_response" ||
      (error.code === "upstream_unavailable" &&
        !(error.cause instanceof Error && error.cause.name === "TimeoutError")));

  async function getTask(taskId: string): Promise<TaskSnapshot> {
    const retries = options.statusRetries ?? 1;
    for (let attempt = 0; ; attempt++) {
      try {
        return await getTaskOnce(taskId);
      } catch (error) {
        if (!isQuickBlip(error) || attempt >= retries) throw error;
        await sleep(300 * 2 ** attempt);
      }
    }
  }

  return { createTask, getTask };
}
