// One error type for everything a person may be told about. `code` is stable (tests and the UI
// branch on it); `message` is written for a person; internal detail goes to `cause` and the log only.
export const errorCodes = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  invalid_input: 400,
  conflict: 409,
  bad_request: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  key_rejected: 502,
  out_of_credits: 402,
  rate_limited: 429,
  upstream_unavailable: 503,
  outcome_unknown: 502,
  failed: 422,
  timed_out: 504,
  ingest_failed: 502,
  limit_reached: 429,
  credits_exhausted: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
  }

  get status(): number {
    return errorCodes[this.code];
  }
}
