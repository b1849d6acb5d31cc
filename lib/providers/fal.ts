import { z } from "zod";
import type { AllowedHost } from "@/lib/net/allowed-hosts";
import { fetchOutbound, OutboundRefusedError, type ResolveHost } from "@/lib/net/outbound-fetch";
import { OUTPUT_SIZES } from "@/lib/seedream/constants";
import { SeedreamError } from "@/lib/seedream/errors";
import { parseCreateResponse, throwIfErrorBody } from "@/lib/seedream/responses";
import { stripNul } from "@/lib/validation/nul";
import { PROVIDER_PROFILES } from "./profiles";
import { postUploadJson, ReferenceUploadError, uploadSignal } from "./reference-upload";
import { createJsonTransport, withQuickRetries } from "./transport";
import type { CanonicalRequest, ProviderAdapter, ProviderResult, ReferenceFile } from "./types";

// fal's queue API (contract §5): submit → request_id, poll its status, then fetch the result. A job
// is polled again, never resubmitted. Queue paths drop the model's sub-path (…/requests/{id}).
// References go to fal's storage first (initiate, then PUT to the signed URL it returns), so fal
// never needs to reach our APP_URL.

export interface FalOptions {
  queueUrl: string;
  apiKey: string;
  /** FAL_STORAGE_URL: where uploads are initiated. */
  storageUrl?: string;
  /** Private hosts a signed upload URL may point at: OUTBOUND_ALLOW_HOSTS, the bundled simulator. */
  allowHosts?: readonly AllowedHost[];
  /** How the upload URL's name becomes addresses; replaced in tests. */
  resolve?: ResolveHost;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

const APP = "fal-ai/bytedance";
const ENDPOINTS = { generate: `${APP}/seedream/v4.5/text-to-image`, edit: `${APP}/seedream/v4.5/edit` };
export const FAL_MAX_EDIT_REFERENCES = PROVIDER_PROFILES.fal.capabilities.maxReferences;

// fal's explicit sizes: each side at most 4096 and 2560×1440 … 4096×4096 pixels in all. Our 4K
// sizes are wider than that, so the long side is brought down to 4096 and the ratio kept.
const FAL_MAX_SIDE = 4096;

export function falImageSize(request: Pick<CanonicalRequest, "aspectRatio" | "quality">): {
  width: number;
  height: number;
} {
  const { width, height } = OUTPUT_SIZES[request.aspectRatio][request.quality];
  const scale = Math.min(1, FAL_MAX_SIDE / Math.max(width, height));
  const round = (side: number) => Math.min(FAL_MAX_SIDE, Math.round((side * scale) / 16) * 16);
  return { width: round(width), height: round(height) };
}

export function falCreateBody(request: CanonicalRequest): Record<string, unknown> {
  return {
    prompt: request.prompt,
    ...(request.mode === "edit" ? { image_urls: request.references } : {}),
    num_images: request.count,
    // fal's presets cover 5 of our 8 ratios; explicit sizes cover all of them.
    image_size: falImageSize(request),
    enable_safety_checker: true,
  };
}

export const FAL_STORAGE_DEFAULT = "https://rest.alpha.fal.ai";

const initiateAnswer = z.object({
  upload_url: z.url({ protocol: /^https?$/ }),
  file_url: z.url({ protocol: /^https?$/ }),
});

export function falInitiateBody(file: ReferenceFile): Record<string, string> {
  return { content_type: file.contentType, file_name: file.name };
}

const statusAnswer = z.object({ status: z.string().transform(stripNul) });
const resultAnswer = z.object({
  images: z.array(
    z.object({
      url: z.url({ protocol: /^https?$/ }),
      width: z.number().int().positive().nullish(),
      height: z.number().int().positive().nullish(),
    }),
  ),
});

const STATUS_WORDS: Record<string, ProviderResult["status"]> = {
  IN_QUEUE: "queued",
  IN_PROGRESS: "running",
  COMPLETED: "succeeded",
  FAILED: "failed",
  CANCELED: "failed",
  CANCELLED: "failed",
};

function failed(rawStatus: string, error: string): ProviderResult {
  return { status: "failed", rawStatus, progress: null, outputs: [], itemErrors: [], billedImages: 0, error };
}

// fal reports a job that failed (a validation or model error) on the result fetch, as a 4xx other
// than 404 (still "not found yet", left to the status back-off) and 429 (slow down).
function isJobRefusal(error: unknown): error is SeedreamError {
  if (!(error instanceof SeedreamError) || error.httpStatus === null) return false;
  const status = error.httpStatus;
  return status >= 400 && status < 500 && status !== 404 && status !== 429;
}

export function createFalAdapter(options: FalOptions): ProviderAdapter {
  const queueUrl = options.queueUrl.replace(/\/+$/, "");
  const storageUrl = (options.storageUrl ?? FAL_STORAGE_DEFAULT).replace(/\/+$/, "");
  const headers = { Authorization: `Key ${options.apiKey}` };
  const transport = createJsonTransport({
    fetch: options.fetch,
    sleep: options.sleep,
    checkErrorBody: throwIfErrorBody,
  });
  const read = (url: string) =>
    withQuickRetries(() => transport.read({ url, headers, timeoutMs: 15_000 }), {
      retries: 1,
      sleep: options.sleep,
    });

  async function fetchResult(requestUrl: string): Promise<ProviderResult> {
    try {
      const { body } = await read(requestUrl);
      const parsed = resultAnswer.safeParse(body);
      if (!parsed.success) throw new SeedreamError("invalid_response", { upstreamMessage: "fal result" });
      const outputs = parsed.data.images.map((image) => ({
        url: image.url,
        width: image.width ?? null,
        height: image.height ?? null,
      }));
      return {
        status: outputs.length > 0 ? "succeeded" : "failed",
        rawStatus: "COMPLETED",
        progress: 100,
        outputs,
        itemErrors: [],
        billedImages: outputs.length,
        error: outputs.length > 0 ? null : "no images",
      };
    } catch (error) {
      if (isJobRefusal(error)) {
        return failed("COMPLETED", error.upstreamMessage ?? "fal refused the job");
      }
      throw error;
    }
  }

  /** PUTs the bytes to a signed URL fal handed us: a URL from outside, so through the guard and without our key. */
  async function putBytes(uploadUrl: string, file: ReferenceFile, signal: AbortSignal): Promise<void> {
    let response: Awaited<ReturnType<typeof fetchOutbound>>;
    try {
      response = await fetchOutbound(uploadUrl, {
        method: "PUT",
        body: file.bytes,
        headers: { "content-type": file.contentType, accept: "*/*" },
        signal: uploadSignal(signal),
        allowHosts: options.allowHosts ?? [],
        resolve: options.resolve,
      });
    } catch (error) {
      const refused = error instanceof OutboundRefusedError || error instanceof TypeError;
      throw new ReferenceUploadError(refused ? "refused_destination" : "network", { cause: error });
    }
    // Nothing of the answer is needed but its status.
    response.body.destroy();
    if (response.status < 200 || response.status > 299) {
      throw new ReferenceUploadError(`put_http_${response.status}`);
    }
  }

  return {
    ...PROVIDER_PROFILES.fal,
    async uploadReference(file, signal) {
      const { status, body } = await postUploadJson(options.fetch ?? fetch, {
        url: `${storageUrl}/storage/upload/initiate?storage_type=fal-cdn-v3`,
        headers,
        body: falInitiateBody(file),
        signal,
      });
      if (status < 200 || status > 299) throw new ReferenceUploadError(`http_${status}`);
      const answer = initiateAnswer.safeParse(body);
      if (!answer.success) throw new ReferenceUploadError("unreadable");
      await putBytes(answer.data.upload_url, file, signal);
      return answer.data.file_url;
    },
    async submit(request) {
      const { body, httpStatus } = await transport.create({
        url: `${queueUrl}/${ENDPOINTS[request.mode]}`,
        headers,
        body: falCreateBody(request),
        timeoutMs: 30_000,
      });
      const created = z.object({ request_id: z.string().min(1).max(200) }).safeParse(body);
      const taskId = created.success ? created.data.request_id : parseCreateResponse(body, httpStatus).taskId;
      return { kind: "queued", providerTaskId: taskId };
    },
    callbackTaskId: () => null,
    async poll(providerTaskId) {
      const requestUrl = `${queueUrl}/${APP}/requests/${encodeURIComponent(providerTaskId)}`;
      const { body } = await read(`${requestUrl}/status`);
      const parsed = statusAnswer.safeParse(body);
      if (!parsed.success) throw new SeedreamError("invalid_response", { upstreamMessage: "fal status" });
      const status = STATUS_WORDS[parsed.data.status.toUpperCase()] ?? "unrecognized";
      if (status === "succeeded") return fetchResult(requestUrl);
      if (status === "failed") return failed(parsed.data.status, "fal reported the job failed");
      return {
        status,
        rawStatus: parsed.data.status,
        progress: null,
        outputs: [],
        itemErrors: [],
        billedImages: 0,
        error: null,
      };
    },
  };
}
