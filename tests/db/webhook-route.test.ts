import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getGenerationById } from "@/db/queries/generations";
import { databaseCases } from "../support/databases";
import { makeGeneration, makeUser } from "../support/fixtures";

const CAP = 64 * 1024;

/** A chunked body that never ends, pulled only when read, recording how much was read. */
function endlessBody() {
  const seen = { pulled: 0 };
  const chunk = new TextEncoder().encode(`{"pad":"${"x".repeat(4086)}",`);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        seen.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

function callback(
  token: string,
  body: ReadableStream<Uint8Array> | string,
  headers: Record<string, string> = {},
) {
  const init: RequestInit & { duplex: "half" } = {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
    duplex: "half",
  };
  return new Request(`http://app.test/api/webhooks/seedream/${token}`, init);
}

// The callback route as the upstream (or anyone guessing) meets it, with the app's real database.
describe.each(databaseCases())("POST /api/webhooks/seedream/[token] on $name", ({ open }) => {
  let handle: DatabaseHandle;
  let POST: typeof import("@/app/api/webhooks/seedream/[token]/route").POST;
  const globalForDb = globalThis as typeof globalThis & { __seedreamDb?: Promise<DatabaseHandle> };

  beforeAll(async () => {
    handle = await open();
    globalForDb.__seedreamDb = Promise.resolve(handle);
    vi.stubEnv("APP_URL", "https://studio.example");
    ({ POST } = await import("@/app/api/webhooks/seedream/[token]/route"));
  });
  afterAll(async () => {
    globalForDb.__seedreamDb = undefined;
    vi.unstubAllEnvs();
    await handle.close();
  });

  const send = (token: string, request: Request) => POST(request, { params: Promise.resolve({ token }) });

  it("answers 404 to a token it never issued without reading a byte of the body", async () => {
    const token = randomBytes(24).toString("base64url");
    const { stream, seen } = endlessBody();
    const response = await send(token, callback(token, stream, { origin: "https://elsewhere.example" }));
    expect(response.status).toBe(404);
    expect(seen.pulled).toBe(0);
  });

  it("cuts a known token's endless body off at 64 KiB with 413 and changes nothing", async () => {
    const generation = await makeGeneration(handle.db, (await makeUser(handle.db)).id, { status: "unknown" });
    const { stream, seen } = endlessBody();
    const response = await send(generation.callbackToken, callback(generation.callbackToken, stream));
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("payload_too_large");
    expect(seen.pulled).toBeGreaterThan(CAP);
    expect(seen.pulled).toBeLessThan(CAP + 3 * 4096);
    expect((await getGenerationById(handle.db, generation.id))?.upstreamTaskId).toBeNull();
  });

  it("refuses a known token's body that is not JSON, or carries NUL, with 400", async () => {
    const generation = await makeGeneration(handle.db, (await makeUser(handle.db)).id, { status: "unknown" });
    for (const body of ['{"data": {"task_id": ', '{"data":{"task_id":"t\\u0000"}}']) {
      const response = await send(generation.callbackToken, callback(generation.callbackToken, body));
      expect(response.status, body).toBe(400);
      expect((await response.json()).error.message, body).toBeTruthy();
    }
    expect((await getGenerationById(handle.db, generation.id))?.upstreamTaskId).toBeNull();
  });
});
