import { readCappedBody } from "@/lib/http/read-body";
import { errorCodeForStatus, SeedreamError } from "@/lib/seedream/errors";

// The money rules of every host's HTTP calls (contract §4), in one place: a create is resent only
// when it provably never left (or was refused with a 429, which no host queues); anything that may
// have reached the host is "outcome unknown" and goes back to the caller, never resent.

export type ErrorBodyCheck = (body: unknown, phase: "create" | "status", httpStatus: number) => void;

export interface TransportOptions {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Throws for an error the host reports inside the body (KIE answers HTTP 200 with an error code). */
  checkErrorBody: ErrorBodyCheck;
  rateLimitRetries?: number;
  defaultRetryAfterMs?: number;
}

export interface JsonRequest {
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
}

// Errors raised before a single byte reached the host: resending cannot charge twice.
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);

function networkErrorCode(error: unknown): string | null {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return null;
}

// A host's Retry-After is obeyed up to a minute: a request must not sleep for whatever it says.
const MAX_RETRY_AFTER_MS = 60_000;
// Every answer we read is a small JSON document (Ark's lists URLs, not images).
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;

export function retryAfterMs(header: string | null, fallback: number): number {
  const wait = (): number => {
    if (!header) return fallback;
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return seconds * 1000;
    const date = Date.parse(header);
    return Number.isNaN(date) ? fallback : date - Date.now();
  };
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, wait()));
}

/** The answer's JSON, or undefined when it is not JSON or larger than any answer should be. */
async function readJson(response: Response): Promise<unknown> {
  try {
    const bytes = await readCappedBody(response, MAX_ANSWER_BYTES);
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface JsonTransport {
  /** POSTs a request that may cost money; returns the parsed body of a successful answer. */
  create(request: JsonRequest): Promise<{ body: unknown; httpStatus: number }>;
  /** A read that cannot cost anything (status, result): errors are classified, never retried here. */
  read(request: JsonRequest): Promise<{ body: unknown; httpStatus: number }>;
}

export function createJsonTransport(options: TransportOptions): JsonTransport {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const rateLimitRetries = options.rateLimitRetries ?? 3;
  const defaultRetryAfter = options.defaultRetryAfterMs ?? 10_000;
  const jsonHeaders = { "Content-Type": "application/json", Accept: "application/json" };

  async function create(request: JsonRequest): Promise<{ body: unknown; httpStatus: number }> {
    const payload = JSON.stringify(request.body);
    let connectRetries = 2;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await doFetch(request.url, {
          method: "POST",
          headers: { ...jsonHeaders, ...request.headers },
          body: payload,
          signal: AbortSignal.timeout(request.timeoutMs),
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
      const parsed = await readJson(response);
      try {
        if (response.status === 429) {
          throw new SeedreamError("rate_limited", {
            httpStatus: 429,
            retryAfterMs: retryAfterMs(response.headers.get("retry-after"), defaultRetryAfter),
          });
        }
        if (!response.ok) {
          options.checkErrorBody(parsed, "create", response.status);
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
        options.checkErrorBody(parsed, "create", response.status);
        return { body: parsed, httpStatus: response.status };
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

  async function read(request: JsonRequest): Promise<{ body: unknown; httpStatus: number }> {
    let response: Response;
    try {
      response = await doFetch(request.url, {
        headers: { Accept: "application/json", ...request.headers },
        signal: AbortSignal.timeout(request.timeoutMs),
      });
    } catch (error) {
      throw new SeedreamError("upstream_unavailable", { cause: error });
    }
    const parsed = await readJson(response);
    if (!response.ok) {
      options.checkErrorBody(parsed, "status", response.status);
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
    options.checkErrorBody(parsed, "status", response.status);
    return { body: parsed, httpStatus: response.status };
  }

  return { create, read };
}

// Reading a status is idempotent, so a quick blip (a reset, a 5xx, a garbled body) is tried again
// at once. A 429 asks us to slow down and a timeout already took its time: those go straight back
// to the caller, whose back-off (kept in the database) decides when to ask again.
function isQuickBlip(error: unknown): error is SeedreamError {
  return (
    error instanceof SeedreamError &&
    (error.code === "invalid_response" ||
      (error.code === "upstream_unavailable" &&
        !(error.cause instanceof Error && error.cause.name === "TimeoutError")))
  );
}

export async function withQuickRetries<T>(
  read: () => Promise<T>,
  { retries, sleep = defaultSleep }: { retries: number; sleep?: (ms: number) => Promise<void> },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (!isQuickBlip(error) || attempt >= retries) throw error;
      await sleep(300 * 2 ** attempt);
    }
  }
}
