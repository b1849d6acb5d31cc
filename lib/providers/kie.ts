import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { MODELS } from "@/lib/seedream/constants";
import { parseCreateResponse, parseTaskResponse, throwIfErrorBody } from "@/lib/seedream/responses";
import { snapshotToResult, taskIdOfStatusBody } from "./api-in-one";
import { PROVIDER_PROFILES } from "./profiles";
import { postUploadJson, ReferenceUploadError } from "./reference-upload";
import { createJsonTransport, withQuickRetries } from "./transport";
import type { CallbackHeaders, CanonicalRequest, ProviderAdapter, ReferenceFile } from "./types";

// KIE direct (contract §5): createTask/recordInfo, errors as HTTP 200 with a code in the body,
// callbacks that can carry an HMAC of `taskId.timestamp`. References go to KIE's own file host
// first (free, kept 24 h to 3 days), so KIE never needs to reach our APP_URL.

export interface KieOptions {
  baseUrl: string;
  apiKey: string;
  /** KIE_UPLOAD_URL: the file host's base. */
  uploadUrl?: string;
  /** KIE_WEBHOOK_HMAC_KEY: when set, a callback without a good signature is refused. */
  webhookKey?: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export function kieCreateBody(request: CanonicalRequest): Record<string, unknown> {
  return {
    model: MODELS[request.mode],
    ...(request.callbackUrl ? { callBackUrl: request.callbackUrl } : {}),
    input: {
      prompt: request.prompt,
      // The schema marks both required and the defaults are reported not to apply.
      aspect_ratio: request.aspectRatio,
      quality: request.quality,
      // Text-to-image must not carry the field at all, not even empty.
      ...(request.mode === "edit" ? { image_urls: request.references } : {}),
    },
  };
}

export const KIE_UPLOAD_DEFAULT = "https://kieai.redpandaai.co";

// The file host's answer; an error may come as HTTP 200 with another code, as KIE's other APIs do.
const uploadAnswer = z.object({
  success: z.boolean().optional(),
  code: z.number().int(),
  data: z.object({ downloadUrl: z.url({ protocol: /^https?$/ }) }).nullish(),
});

export function kieUploadBody(file: ReferenceFile): Record<string, string> {
  return {
    base64Data: `data:${file.contentType};base64,${file.bytes.toString("base64")}`,
    uploadPath: "seedream-studio",
    fileName: file.name,
  };
}

export function createKieAdapter(options: KieOptions): ProviderAdapter {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const uploadUrl = (options.uploadUrl ?? KIE_UPLOAD_DEFAULT).replace(/\/+$/, "");
  const headers = { Authorization: `Bearer ${options.apiKey}` };
  const transport = createJsonTransport({
    fetch: options.fetch,
    sleep: options.sleep,
    checkErrorBody: throwIfErrorBody,
  });
  return {
    ...PROVIDER_PROFILES.kie,
    async submit(request) {
      const { body, httpStatus } = await transport.create({
        url: `${baseUrl}/api/v1/jobs/createTask`,
        headers,
        body: kieCreateBody(request),
        timeoutMs: 30_000,
      });
      return { kind: "queued", providerTaskId: parseCreateResponse(body, httpStatus).taskId };
    },
    async poll(providerTaskId) {
      return withQuickRetries(
        async () => {
          const { body, httpStatus } = await transport.read({
            url: `${baseUrl}/api/v1/jobs/recordInfo?taskId=${encodeURIComponent(providerTaskId)}`,
            headers,
            timeoutMs: 15_000,
          });
          return snapshotToResult(parseTaskResponse(body, httpStatus));
        },
        { retries: 1, sleep: options.sleep },
      );
    },
    callbackTaskId: taskIdOfStatusBody,
    async uploadReference(file, signal) {
      const { status, body } = await postUploadJson(options.fetch ?? fetch, {
        url: `${uploadUrl}/api/file-base64-upload`,
        headers,
        body: kieUploadBody(file),
        signal,
      });
      if (status < 200 || status > 299) throw new ReferenceUploadError(`http_${status}`);
      const answer = uploadAnswer.safeParse(body);
      if (!answer.success) throw new ReferenceUploadError("unreadable");
      const { code, success, data } = answer.data;
      if (code !== 200 || success === false || !data) throw new ReferenceUploadError(`code_${code}`);
      return data.downloadUrl;
    },
    ...(options.webhookKey
      ? {
          verifyCallback: (taskId: string, headers: CallbackHeaders) =>
            verifyKieCallbackSignature({
              taskId,
              timestamp: headers.get("x-webhook-timestamp"),
              signature: headers.get("x-webhook-signature"),
              key: options.webhookKey ?? "",
            }),
        }
      : {}),
  };
}

// Old signatures are refused so that a captured callback cannot be replayed later.
const MAX_CALLBACK_AGE_SECONDS = 300;

/** Checks KIE's callback HMAC: base64(HMAC-SHA256(`${taskId}.${timestamp}`, key)), recent enough. */
export function verifyKieCallbackSignature({
  taskId,
  timestamp,
  signature,
  key,
  nowSeconds = Math.floor(Date.now() / 1000),
}: {
  taskId: string;
  timestamp: string | null;
  signature: string | null;
  key: string;
  nowSeconds?: number;
}): boolean {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_CALLBACK_AGE_SECONDS) return false;
  const expected = createHmac("sha256", key).update(`${taskId}.${timestamp}`).digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
