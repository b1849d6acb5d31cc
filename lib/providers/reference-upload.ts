import { readCappedBody } from "@/lib/http/read-body";

// Uploading a reference to a host's own file store (KIE's file host, fal's storage) is free and is
// never a create: a failure only means the edit is not sent, so nothing here follows the money
// rules of transport.ts and nothing is ever "outcome unknown".

/** A reference the host's file store did not take; `reason` is a code safe to log, never the host's text. */
export class ReferenceUploadError extends Error {
  readonly reason: string;

  constructor(reason: string, options?: { cause?: unknown }) {
    super(`reference upload failed (${reason})`, options);
    this.name = "ReferenceUploadError";
    this.reason = reason;
  }
}

// One upload waits this long at most, within the deadline the caller gives for all of them.
const UPLOAD_TIMEOUT_MS = 60_000;
// Upload answers are a few fields of JSON.
const MAX_ANSWER_BYTES = 64 * 1024;

/** The caller's deadline and one upload's own timeout, whichever ends first. */
export const uploadSignal = (deadline: AbortSignal): AbortSignal =>
  AbortSignal.any([deadline, AbortSignal.timeout(UPLOAD_TIMEOUT_MS)]);

/**
 * POSTs JSON to a host's upload API (a base URL from our settings, not from outside) and reads its
 * small JSON answer; `body` is undefined when the answer is not JSON or too large.
 */
export async function postUploadJson(
  fetchImpl: typeof fetch,
  request: { url: string; headers: Record<string, string>; body: unknown; signal: AbortSignal },
): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetchImpl(request.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", ...request.headers },
      body: JSON.stringify(request.body),
      signal: uploadSignal(request.signal),
    });
  } catch (error) {
    throw new ReferenceUploadError("network", { cause: error });
  }
  try {
    const bytes = await readCappedBody(response, MAX_ANSWER_BYTES);
    return { status: response.status, body: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch {
    return { status: response.status, body: undefined };
  }
}
