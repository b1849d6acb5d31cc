import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type CreateTaskInput, createSeedreamClient } from "@/lib/seedream/client";
import { SeedreamError } from "@/lib/seedream/errors";
import { type Simulator, startSimulator } from "@/lib/simulator/server";

const KEY = "aio_test_key_that_must_never_leak";
const input: CreateTaskInput = {
  mode: "generate",
  prompt: "a red fox",
  aspectRatio: "16:9",
  quality: "high",
};

type Reply = Response | Error | (() => Response | Promise<Response>);

function fakeFetch(replies: Reply[]) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchImpl = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init });
    const reply = replies[Math.min(calls.length - 1, replies.length - 1)];
    if (reply instanceof Error) throw reply;
    if (typeof reply === "function") return reply();
    if (!reply) throw new Error("no reply");
    return reply.clone();
  }) as typeof fetch;
  return { fetchImpl, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

const networkError = (code: string) => Object.assign(new TypeError("fetch failed"), { cause: { code } });

function client(replies: Reply[], extra: { rateLimitRetries?: number } = {}) {
  const fake = fakeFetch(replies);
  const sleeps: number[] = [];
  const seedream = createSeedreamClient({
    baseUrl: "https://upstream.test/api/v1/",
    apiKey: KEY,
    fetch: fake.fetchImpl,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...extra,
  });
  return { seedream, calls: fake.calls, sleeps };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SeedreamError);
    expect(String((error as Error).message)).not.toContain(KEY);
    return (error as SeedreamError).code;
  }
  throw new Error("expected a rejection");
}

const created = json(200, { code: 200, message: "success", data: { task_id: "t1", status: "IN_PROGRESS" } });

describe("createTask", () => {
  it("sends the documented request: sub-model id, aspect_ratio and quality always, bearer key", async () => {
    const { seedream, calls } = client([created]);
    await seedream.createTask({ ...input, callbackUrl: "https://app.test/cb/abc" });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe("https://upstream.test/api/v1/images/generations");
    expect(calls[0]?.init?.method).toBe("POST");
    expect(new Headers(calls[0]?.init?.headers).get("authorization")).toBe(`Bearer ${KEY}`);
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({
      model: "seedream/4.5-text-to-image",
      prompt: "a red fox",
      aspect_ratio: "16:9",
      quality: "high",
      callback_url: "https://app.test/cb/abc",
    });
  });

  it("sends image_urls only for edits, with the edit model", async () => {
    const { seedream, calls } = client([created]);
    await seedream.createTask({ ...input, mode: "edit", imageUrls: ["https://app.test/a.png"] });
    const body = JSON.parse(String(calls[0]?.init?.body));
    expect(body.model).toBe("seedream/4.5-edit");
    expect(body.image_urls).toEqual(["https://app.test/a.png"]);
  });

  it.each([
    [400, "bad_request"],
    [401, "key_rejected"],
    [402, "out_of_credits"],
    [403, "key_rejected"],
    [422, "bad_request"],
  ])("never retries HTTP %i (%s)", async (status, code) => {
    const { seedream, calls } = client([json(status, { error: { code: status, message: "no" } })]);
    expect(await codeOf(seedream.createTask(input))).toBe(code);
    expect(calls).toHaveLength(1);
  });

  it("retries 429 after Retry-After, at most three times", async () => {
    const limited = json(429, { error: { code: 429, message: "slow" } }, { "retry-after": "2" });
    const { seedream, calls, sleeps } = client([limited]);
    expect(await codeOf(seedream.createTask(input))).toBe("rate_limited");
    expect(calls).toHaveLength(4);
    expect(sleeps).toEqual([2000, 2000, 2000]);
  });

  it("waits ~10 s on a 429 without Retry-After, then succeeds", async () => {
    const { seedream, sleeps } = client([json(429, {}), created]);
    expect((await seedream.createTask(input)).taskId).toBe("t1");
    expect(sleeps).toEqual([10_000]);
  });

  it("retries when the request provably never left (connection refused)", async () => {
    const { seedream, calls } = client([networkError("ECONNREFUSED"), created]);
    expect((await seedream.createTask(input)).taskId).toBe("t1");
    expect(calls).toHaveLength(2);
  });

  it.each([
    ["a timeout", Object.assign(new DOMException("timed out", "TimeoutError"))],
    ["a reset after sending", networkError("ECONNRESET")],
  ])("does not resubmit after %s: the outcome is unknown", async (_name, error) => {
    const { seedream, calls } = client([error, created]);
    expect(await codeOf(seedream.createTask(input))).toBe("outcome_unknown");
    expect(calls).toHaveLength(1);
  });

  it("does not resubmit after a 5xx or an unreadable success", async () => {
    for (const reply of [
      json(500, { error: { code: 500 } }),
      new Response("<html>oops</html>", { status: 200 }),
    ]) {
      const { seedream, calls } = client([reply, created]);
      expect(await codeOf(seedream.createTask(input))).toBe("outcome_unknown");
      expect(calls).toHaveLength(1);
    }
  });

  it("reads an error code from an HTTP 200 body", async () => {
    const { seedream } = client([json(200, { code: 402, msg: "insufficient credits" })]);
    expect(await codeOf(seedream.createTask(input))).toBe("out_of_credits");
  });
});

describe("getTask", () => {
  const done = json(200, {
    code: 200,
    data: { task_id: "t1", status: "COMPLETED", output: { image_urls: ["https://x.test/a.png"] } },
  });

  it("tries a quick blip (a reset, a 5xx) once more, then reads the answer", async () => {
    for (const blip of [networkError("ECONNRESET"), json(503, {})]) {
      const { seedream, calls } = client([blip, done]);
      const snapshot = await seedream.getTask("t1");
      expect(snapshot.state).toBe("succeeded");
      expect(calls).toHaveLength(2);
      expect(calls[1]?.url).toBe("https://upstream.test/api/v1/tasks/t1");
    }
  });

  it("gives up after one retry with upstream_unavailable", async () => {
    const { seedream, calls } = client([json(500, {})]);
    expect(await codeOf(seedream.getTask("t1"))).toBe("upstream_unavailable");
    expect(calls).toHaveLength(2);
  });

  it("hands a 429 back at once with its Retry-After, for the caller's back-off to honour", async () => {
    const { seedream, calls, sleeps } = client([json(429, {}, { "retry-after": "30" }), done]);
    const error = await seedream.getTask("t1").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "rate_limited", retryAfterMs: 30_000 });
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("does not wait out a timeout twice", async () => {
    const timeout = Object.assign(new Error("The operation was aborted due to timeout"), {
      name: "TimeoutError",
    });
    const { seedream, calls } = client([timeout, done]);
    expect(await codeOf(seedream.getTask("t1"))).toBe("upstream_unavailable");
    expect(calls).toHaveLength(1);
  });

  it("reports 404/422 as task_not_found without retrying", async () => {
    const { seedream, calls } = client([json(422, { code: 422, msg: "recordInfo is null" })]);
    expect(await codeOf(seedream.getTask("t1"))).toBe("task_not_found");
    expect(calls).toHaveLength(1);
  });

  it("escapes the task id in the path", async () => {
    const { seedream, calls } = client([done]);
    await seedream.getTask("../../admin?x=1");
    expect(calls[0]?.url).toBe("https://upstream.test/api/v1/tasks/..%2F..%2Fadmin%3Fx%3D1");
  });
});

describe("against the simulator over HTTP", () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(() => simulator.close());
  beforeEach(() => simulator.resetBehaviour());

  const real = (timeoutMs = 2000) =>
    createSeedreamClient({
      baseUrl: simulator.apiUrl,
      apiKey: KEY,
      createTimeoutMs: timeoutMs,
      statusTimeoutMs: timeoutMs,
      sleep: async () => {},
    });

  async function untilFinished(seedream: ReturnType<typeof real>, taskId: string) {
    let snapshot = await seedream.getTask(taskId);
    for (let i = 0; i < 200 && !["succeeded", "failed"].includes(snapshot.state); i++) {
      await new Promise((r) => setTimeout(r, 25));
      snapshot = await seedream.getTask(taskId);
    }
    return snapshot;
  }

  it("creates a task and follows it to a downloadable image of the expected size", async () => {
    simulator.setBehaviour({ durationMs: 50 });
    const seedream = real();
    const { taskId } = await seedream.createTask({ ...input, quality: "basic" });
    const snapshot = await untilFinished(seedream, taskId);
    expect(snapshot.state).toBe("succeeded");
    const image = await fetch(snapshot.imageUrls[0] ?? "");
    expect(image.headers.get("content-type")).toBe("image/jpeg");
    const sharp = (await import("sharp")).default;
    const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([2848, 1600]);
  });

  it.each([
    ["hang", "outcome_unknown"],
    ["garbage", "outcome_unknown"],
    ["server_error", "outcome_unknown"],
    ["rate_limited", "rate_limited"],
    ["key_rejected", "key_rejected"],
    ["out_of_credits", "out_of_credits"],
    ["body_error", "key_rejected"],
  ] as const)("create answered with %s → %s", async (mode, code) => {
    simulator.setBehaviour({ create: mode });
    expect(await codeOf(real(300).createTask(input))).toBe(code);
  });

  it("a task set to fail reports failure with a message", async () => {
    simulator.setBehaviour({ durationMs: 10, outcome: "fail" });
    const seedream = real();
    const { taskId } = await seedream.createTask(input);
    const snapshot = await untilFinished(seedream, taskId);
    expect(snapshot.state).toBe("failed");
    expect(snapshot.error).toMatch(/Simulated failure/);
  });

  it("serves result URLs that expire", async () => {
    simulator.setBehaviour({ durationMs: 10, urlTtlMs: 1500 });
    const seedream = real();
    const { taskId } = await seedream.createTask({ ...input, quality: "basic", aspectRatio: "1:1" });
    const url = (await untilFinished(seedream, taskId)).imageUrls[0] ?? "";
    expect((await fetch(url)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1600));
    expect((await fetch(url)).status).toBe(403);
  });
});
