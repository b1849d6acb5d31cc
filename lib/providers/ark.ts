import { z } from "zod";
import { OUTPUT_SIZES } from "@/lib/seedream/constants";
import { errorCodeForStatus, SeedreamError } from "@/lib/seedream/errors";
import { stripNul } from "@/lib/validation/nul";
import { PROVIDER_PROFILES } from "./profiles";
import { createJsonTransport } from "./transport";
import type { CanonicalRequest, ProviderAdapter, ProviderItemError, ProviderResult } from "./types";

// BytePlus ModelArk / Volcengine Ark (contract §5): synchronous, so the answer holds the images (or
// per-item errors) and can take minutes; there is no task to poll. No aspect_ratio field: the size
// is sent as WxH from our ratio × quality table.

export interface ArkOptions {
  baseUrl: string;
  apiKey: string;
  model: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
}

// Seedream 4.5's bounds on total pixels; every row of our table lies inside them.
const MIN_PIXELS = 3_686_400;
const MAX_PIXELS = 16_777_216;

export function arkSize(request: Pick<CanonicalRequest, "aspectRatio" | "quality">): string {
  const { width, height } = OUTPUT_SIZES[request.aspectRatio][request.quality];
  const pixels = width * height;
  if (pixels < MIN_PIXELS || pixels > MAX_PIXELS) throw new Error(`Ark cannot make ${width}x${height}`);
  return `${width}x${height}`;
}

export function arkCreateBody(request: CanonicalRequest, model: string): Record<string, unknown> {
  const [onlyReference] = request.references;
  return {
    model,
    prompt: request.prompt,
    ...(request.references.length === 1 ? { image: onlyReference } : {}),
    ...(request.references.length > 1 ? { image: request.references } : {}),
    size: arkSize(request),
    sequential_image_generation: request.count > 1 ? "auto" : "disabled",
    // Always sent: under "auto" it defaults to 15 images, all billed.
    sequential_image_generation_options: { max_images: request.count },
    response_format: "url",
    // Defaults to true.
    watermark: false,
  };
}

const message = z.string().transform(stripNul);
const arkError = z.object({
  code: z.union([z.string(), z.number()]).optional(),
  message: message.optional(),
});
const arkItem = z.union([
  z.object({ url: z.url({ protocol: /^https?$/ }), size: z.string().optional() }),
  z.object({ error: arkError }),
]);
const arkAnswer = z.object({
  data: z.array(z.unknown()).optional(),
  usage: z
    .object({ generated_images: z.number().int().min(0) })
    .partial()
    .optional(),
  error: arkError.optional(),
});

function sizeOf(size: string | undefined): { width: number | null; height: number | null } {
  const match = size?.match(/^(\d+)x(\d+)$/);
  return match ? { width: Number(match[1]), height: Number(match[2]) } : { width: null, height: null };
}

function itemError(error: z.infer<typeof arkError>): ProviderItemError {
  const code = String(error.code ?? "");
  return {
    // The content filter is the one item error users can act on.
    code: /sensitive/i.test(code) ? "content_filtered" : "generation_failed",
    message: error.message ?? code,
  };
}

export function parseArkAnswer(body: unknown): ProviderResult {
  const answer = arkAnswer.safeParse(body);
  if (!answer.success) {
    // The request was accepted and may have been billed: unreadable is not a clean failure.
    throw new SeedreamError("outcome_unknown", { upstreamMessage: "unreadable Ark answer" });
  }
  const outputs: ProviderResult["outputs"] = [];
  const itemErrors: ProviderItemError[] = [];
  for (const [position, entry] of (answer.data.data ?? []).entries()) {
    const item = arkItem.safeParse(entry);
    if (!item.success) continue;
    if ("url" in item.data) outputs.push({ url: item.data.url, ...sizeOf(item.data.size) });
    // Ark answers each image asked for in its place, a refused one included.
    else itemErrors.push({ ...itemError(item.data.error), position });
  }
  const topError = answer.data.error;
  return {
    status: outputs.length > 0 ? "succeeded" : "failed",
    rawStatus: topError ? "error" : "answered",
    progress: null,
    outputs,
    itemErrors: topError && outputs.length === 0 ? [itemError(topError), ...itemErrors] : itemErrors,
    billedImages: answer.data.usage?.generated_images ?? outputs.length,
    error: topError ? (topError.message ?? String(topError.code ?? "error")) : null,
  };
}

/** Ark's error codes are words, not numbers: only the HTTP status classifies them. */
function checkArkErrorBody(body: unknown, phase: "create" | "status", httpStatus: number): void {
  if (httpStatus < 400) return;
  const parsed = arkAnswer.safeParse(body);
  throw new SeedreamError(errorCodeForStatus(httpStatus, phase), {
    httpStatus,
    upstreamMessage: parsed.success ? (parsed.data.error?.message ?? null) : null,
  });
}

export function createArkAdapter(options: ArkOptions): ProviderAdapter {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const transport = createJsonTransport({
    fetch: options.fetch,
    sleep: options.sleep,
    checkErrorBody: checkArkErrorBody,
  });
  return {
    ...PROVIDER_PROFILES.ark,
    async submit(request) {
      const { body } = await transport.create({
        url: `${baseUrl}/images/generations`,
        headers: { Authorization: `Bearer ${options.apiKey}` },
        body: arkCreateBody(request, options.model),
        // Minutes for a batch; past this the images may exist and be billed (outcome unknown). Kept
        // under the 300 s Node's fetch waits for response headers, which would end it first anyway.
        timeoutMs: options.timeoutMs ?? 290_000,
      });
      return { kind: "finished", result: parseArkAnswer(body) };
    },
    callbackTaskId: () => null,
    poll() {
      // Nothing to poll: a synchronous host either answered or its outcome is unknown for good.
      return Promise.reject(new SeedreamError("task_not_found", { upstreamMessage: "Ark has no tasks" }));
    },
  };
}
