import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { readCappedBody } from "@/lib/http/read-body";

const CAP = 1024;

/** An endless chunked body that records how much of it was pulled and whether it was cancelled. */
function endlessBody(chunkSize: number) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      seen.pulled += chunkSize;
      controller.enqueue(new Uint8Array(chunkSize).fill(7));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

function post(body: BodyInit | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  // Node needs `duplex` for a streamed body; the DOM's RequestInit type does not know it yet.
  const init: RequestInit & { duplex: "half" } = { method: "POST", body, headers, duplex: "half" };
  return new Request("http://app.test/upload", init);
}

function chunked(...chunks: number[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const size of chunks) controller.enqueue(new Uint8Array(size).fill(1));
      controller.close();
    },
  });
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppError)) throw new Error("expected the body to be refused");
  return error;
}

describe("readCappedBody", () => {
  it("returns a body of exactly the cap, byte for byte", async () => {
    const sent = new Uint8Array(CAP).map((_, i) => i % 251);
    const read = await readCappedBody(post(sent), CAP);
    expect(read).toEqual(sent);
  });

  it("refuses a body one byte over the cap with 413", async () => {
    const error = await refusal(readCappedBody(post(new Uint8Array(CAP + 1)), CAP, "Too big."));
    expect(error.code).toBe("payload_too_large");
    expect(error.status).toBe(413);
    expect(error.message).toBe("Too big.");
  });

  it("reads a chunked body (no Content-Length) up to the cap and refuses one past it", async () => {
    expect((await readCappedBody(post(chunked(300, 300, 424)), CAP)).byteLength).toBe(CAP);
    const request = post(chunked(300, 300, 425));
    expect(request.headers.get("content-length")).toBeNull();
    expect((await refusal(readCappedBody(request, CAP))).code).toBe("payload_too_large");
  });

  it("stops reading an endless body at the cap and cancels it", async () => {
    const { stream, seen } = endlessBody(100);
    expect((await refusal(readCappedBody(post(stream), CAP))).code).toBe("payload_too_large");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen.cancelled).toBe(true);
    // The cap, the chunk that crossed it, and what the stream buffered ahead: nowhere near endless.
    expect(seen.pulled).toBeLessThanOrEqual(CAP + 3 * 100);
  });

  it("refuses a declared Content-Length over the cap before reading a byte", async () => {
    const { stream, seen } = endlessBody(100);
    const request = post(stream, { "content-length": String(CAP + 1) });
    expect((await refusal(readCappedBody(request, CAP))).code).toBe("payload_too_large");
    expect(seen.pulled).toBeLessThanOrEqual(100);
  });

  it("does not trust a Content-Length that understates the body", async () => {
    const { stream } = endlessBody(100);
    const request = post(stream, { "content-length": "10" });
    expect((await refusal(readCappedBody(request, CAP))).code).toBe("payload_too_large");
  });

  it("reads an absent body as empty", async () => {
    const read = await readCappedBody(new Request("http://app.test/", { method: "POST" }), CAP);
    expect(read.byteLength).toBe(0);
  });
});
