import { createJsonTransport, withQuickRetries } from "@/lib/providers/transport";
import { type AspectRatio, type GenerationMode, MODELS, type Quality } from "./constants";
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

/** The create body API in One documents (contract §1). */
export function apiInOneCreateBody(input: CreateTaskInput): Record<string, unknown> {
  return {
    model: MODELS[input.mode],
    prompt: input.prompt,
    // Always sent: KIE rejected requests that relied on the defaults.
    aspect_ratio: input.aspectRatio,
    quality: input.quality,
    ...(input.mode === "edit" ? { image_urls: input.imageUrls ?? [] } : {}),
    ...(input.callbackUrl ? { callback_url: input.callbackUrl } : {}),
  };
}

export function createSeedreamClient(options: SeedreamClientOptions): SeedreamClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const headers = { Authorization: `Bearer ${options.apiKey}` };
  const transport = createJsonTransport({
    fetch: options.fetch,
    sleep: options.sleep,
    checkErrorBody: throwIfErrorBody,
    rateLimitRetries: options.rateLimitRetries,
    defaultRetryAfterMs: options.defaultRetryAfterMs,
  });

  async function createTask(input: CreateTaskInput): Promise<CreatedTask> {
    const { body, httpStatus } = await transport.create({
      url: `${baseUrl}/images/generations`,
      headers,
      body: apiInOneCreateBody(input),
      timeoutMs: options.createTimeoutMs ?? 30_000,
    });
    return parseCreateResponse(body, httpStatus);
  }

  async function getTask(taskId: string): Promise<TaskSnapshot> {
    return withQuickRetries(
      async () => {
        const { body, httpStatus } = await transport.read({
          url: `${baseUrl}/tasks/${encodeURIComponent(taskId)}`,
          headers,
          timeoutMs: options.statusTimeoutMs ?? 15_000,
        });
        return parseTaskResponse(body, httpStatus);
      },
      { retries: options.statusRetries ?? 1, sleep: options.sleep },
    );
  }

  return { createTask, getTask };
}
