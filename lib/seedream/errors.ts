export const seedreamErrorCodes = [
  "bad_request",
  "key_rejected",
  "out_of_credits",
  "rate_limited",
  "upstream_unavailable",
  "outcome_unknown",
  "task_not_found",
  "invalid_response",
] as const;

export type SeedreamErrorCode = (typeof seedreamErrorCodes)[number];

const messages: Record<SeedreamErrorCode, string> = {
  bad_request:
    "The image service refused the request as invalid. Change the prompt or settings and try again.",
  key_rejected:
    "The image service rejected the API key. An administrator needs to check the host's key setting.",
  out_of_credits: "The image service's account is out of credits. Top it up on its dashboard, then retry.",
  rate_limited: "The image service is busy with too many requests right now. Wait a few seconds and retry.",
  upstream_unavailable: "The image service is not answering right now. Try again in a minute.",
  outcome_unknown:
    "We could not confirm whether the image service accepted this request, so we did not send it again (that could charge twice). It will settle by itself if the service reports back.",
  task_not_found: "The image service lost track of this task. Retry to start a new one.",
  invalid_response: "The image service answered with something we could not read. Try again in a minute.",
};

export class SeedreamError extends Error {
  readonly code: SeedreamErrorCode;
  readonly httpStatus: number | null;
  /** What the upstream itself said, for the log; never shown verbatim unless harmless. */
  readonly upstreamMessage: string | null;
  readonly retryAfterMs: number | null;

  constructor(
    code: SeedreamErrorCode,
    details: {
      httpStatus?: number | null;
      upstreamMessage?: string | null;
      retryAfterMs?: number | null;
      cause?: unknown;
    } = {},
  ) {
    super(messages[code], { cause: details.cause });
    this.name = "SeedreamError";
    this.code = code;
    this.httpStatus = details.httpStatus ?? null;
    this.upstreamMessage = details.upstreamMessage ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
  }
}

/** Maps an HTTP-ish status (the HTTP status, or a `code` in a 200 body) to a stable error code. */
export function errorCodeForStatus(status: number, phase: "create" | "status"): SeedreamErrorCode {
  if (status === 401 || status === 403) return "key_rejected";
  if (status === 402) return "out_of_credits";
  if (status === 429) return "rate_limited";
  if (phase === "status" && (status === 404 || status === 422)) return "task_not_found";
  if (status >= 400 && status < 500) return "bad_request";
  // A 5xx after a create was sent says nothing about whether the task exists.
  return phase === "create" ? "outcome_unknown" : "upstream_unavailable";
}
