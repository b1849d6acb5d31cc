import { z } from "zod";
import { hasNoNul, stripNul } from "../validation/nul";
import { errorCodeForStatus, SeedreamError } from "./errors";
import { type TaskState, toTaskState } from "./task-state";

// The upstream documents creation well and status poorly (contract §1): every field below is read
// from each place it has been seen, and anything else is ignored. What cannot be read is an error.

const record = z.record(z.string(), z.unknown());
// Upstream text may end up in the database (task id, status, error), which cannot hold a NUL.
const text = z.string().transform(stripNul).pipe(z.string().trim().min(1));
const httpUrl = z
  .string()
  .refine(hasNoNul)
  .pipe(z.url({ protocol: /^https?$/ }));
const codeNumber = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

const errorEnvelope = z.object({
  error: z.object({
    code: codeNumber.optional(),
    message: z.string().optional(),
    type: z.string().optional(),
  }),
});
const bodyCode = z.object({ code: codeNumber, msg: z.string().optional(), message: z.string().optional() });

/** KIE answers HTTP 200 with an error code in the body: check the body as well as the status. */
export function throwIfErrorBody(body: unknown, phase: "create" | "status", httpStatus: number): void {
  const enveloped = errorEnvelope.safeParse(body);
  if (enveloped.success) {
    const code = enveloped.data.error.code ?? Math.max(httpStatus, 400);
    throw new SeedreamError(errorCodeForStatus(code, phase), {
      httpStatus,
      upstreamMessage: enveloped.data.error.message ?? null,
    });
  }
  const coded = bodyCode.safeParse(body);
  if (coded.success && coded.data.code !== 200 && coded.data.code !== 0 && coded.data.code >= 400) {
    throw new SeedreamError(errorCodeForStatus(coded.data.code, phase), {
      httpStatus,
      upstreamMessage: coded.data.msg ?? coded.data.message ?? null,
    });
  }
}

function payloadOf(body: unknown): Record<string, unknown> {
  const top = record.safeParse(body);
  if (!top.success) throw new SeedreamError("invalid_response", { upstreamMessage: "body is not an object" });
  const data = record.safeParse(top.data.data);
  // Fields may sit in `data` or at the top level; `data` wins, the top level fills gaps.
  return data.success ? { ...top.data, ...data.data } : top.data;
}

function firstText(payload: Record<string, unknown>, keys: string[]): string | null {
  for (const key of keys) {
    const value = payload[key];
    const parsed = text.safeParse(typeof value === "number" ? String(value) : value);
    if (parsed.success) return parsed.data;
  }
  return null;
}

export interface CreatedTask {
  taskId: string;
  status: string | null;
}

export function parseCreateResponse(body: unknown, httpStatus = 200): CreatedTask {
  throwIfErrorBody(body, "create", httpStatus);
  const payload = payloadOf(body);
  const taskId = firstText(payload, ["task_id", "taskId", "id"]);
  if (!taskId) {
    // It may well have been created: without an id we cannot tell, so this is not a clean failure.
    throw new SeedreamError("outcome_unknown", {
      httpStatus,
      upstreamMessage: "create response without a task id",
    });
  }
  return { taskId, status: firstText(payload, ["status", "state"]) };
}

/**
 * What the upstream says the task was asked to do, where it says so: the canonical shape names the
 * model, some add the `input` they were given, KIE's `param` is the whole request as a JSON string
 * (callback URL included) [INF]. Null where a field is not echoed.
 */
export interface TaskRequestEcho {
  model: string | null;
  prompt: string | null;
  aspectRatio: string | null;
  quality: string | null;
  callbackUrl: string | null;
}

export interface TaskSnapshot {
  taskId: string | null;
  state: TaskState;
  rawStatus: string;
  progress: number | null;
  imageUrls: string[];
  error: string | null;
  request: TaskRequestEcho;
}

const urlEntry = z.union([httpUrl, z.object({ url: httpUrl }).transform((entry) => entry.url)]);
const urlList = z.array(z.unknown()).transform((items) =>
  items.flatMap((item) => {
    const parsed = urlEntry.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  }),
);

function parseResultJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

function readImageUrls(payload: Record<string, unknown>): string[] {
  const output = payload.output;
  const outputRecord = record.safeParse(output);
  const resultJson = record.safeParse(parseResultJson(payload.resultJson ?? payload.result_json));
  const candidates: unknown[] = [
    outputRecord.success ? outputRecord.data.image_urls : undefined,
    outputRecord.success ? outputRecord.data.images : undefined,
    outputRecord.success ? [outputRecord.data.image_url] : undefined,
    outputRecord.success ? outputRecord.data.result_urls : undefined,
    Array.isArray(output) ? output : undefined,
    payload.result_urls,
    payload.resultUrls,
    payload.image_urls,
    resultJson.success ? resultJson.data.resultUrls : undefined,
    resultJson.success ? resultJson.data.result_urls : undefined,
  ];
  for (const candidate of candidates) {
    const parsed = urlList.safeParse(candidate);
    if (parsed.success && parsed.data.length > 0) return parsed.data;
  }
  return [];
}

function readError(payload: Record<string, unknown>): string | null {
  const error = payload.error;
  if (typeof error === "string" && stripNul(error).trim()) return stripNul(error).trim();
  const structured = z.object({ message: text.optional(), code: z.unknown().optional() }).safeParse(error);
  if (structured.success && (structured.data.message || structured.data.code !== undefined)) {
    return structured.data.message ?? `error ${String(structured.data.code)}`;
  }
  return firstText(payload, ["failMsg", "fail_msg", "error_message", "errorMessage", "failCode"]);
}

function readRequestEcho(payload: Record<string, unknown>): TaskRequestEcho {
  const param = record.safeParse(parseResultJson(payload.param));
  const sent = param.success ? param.data : {};
  const input = record.safeParse(payload.input ?? sent.input);
  const given = input.success ? input.data : {};
  const read = (keys: string[]) =>
    firstText(given, keys) ?? firstText(payload, keys) ?? firstText(sent, keys);
  return {
    model: firstText(payload, ["model"]) ?? firstText(sent, ["model"]),
    prompt: read(["prompt"]),
    aspectRatio: read(["aspect_ratio", "aspectRatio"]),
    quality: read(["quality"]),
    callbackUrl: read(["callback_url", "callBackUrl", "callbackUrl"]),
  };
}

const progressValue = z.union([
  z.number(),
  z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number),
]);

export function parseTaskResponse(body: unknown, httpStatus = 200): TaskSnapshot {
  throwIfErrorBody(body, "status", httpStatus);
  const payload = payloadOf(body);
  const rawStatus = firstText(payload, ["status", "state", "task_status", "taskStatus"]);
  if (!rawStatus)
    throw new SeedreamError("invalid_response", { httpStatus, upstreamMessage: "status missing" });
  const progress = progressValue.safeParse(payload.progress);
  return {
    taskId: firstText(payload, ["task_id", "taskId", "id"]),
    state: toTaskState(rawStatus),
    rawStatus,
    progress: progress.success ? Math.max(0, Math.min(100, Math.round(progress.data))) : null,
    imageUrls: readImageUrls(payload),
    error: readError(payload),
    request: readRequestEcho(payload),
  };
}
