import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEnv, signupMode } from "@/lib/config/env";
import { createApiInOneAdapter } from "@/lib/providers/api-in-one";
import { arkCreateBody, arkSize, createArkAdapter, parseArkAnswer } from "@/lib/providers/ark";
import { withRequestChecks } from "@/lib/providers/checked-adapter";
import { createFalAdapter, falCreateBody, falImageSize } from "@/lib/providers/fal";
import { createKieAdapter, kieCreateBody, verifyKieCallbackSignature } from "@/lib/providers/kie";
import { createProviderSet } from "@/lib/providers/registry";
import { UnsupportedRequestError } from "@/lib/providers/request-check";
import type { CanonicalRequest } from "@/lib/providers/types";
import { ASPECT_RATIOS, OUTPUT_SIZES, QUALITIES } from "@/lib/seedream/constants";
import { SeedreamError } from "@/lib/seedream/errors";

const generate: CanonicalRequest = {
  mode: "generate",
  prompt: "a lighthouse at dusk",
  aspectRatio: "16:9",
  quality: "basic",
  references: [],
  count: 1,
};
const edit: CanonicalRequest = {
  ...generate,
  mode: "edit",
  references: ["https://app.test/media/signed/a.png"],
};
const refs = (n: number) => Array.from({ length: n }, (_, i) => `https://app.test/media/signed/${i}.png`);

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function recordingFetch(replies: Response[]) {
  const calls: { url: string; method: string; body: unknown; auth: string | null }[] = [];
  const fetchImpl = (async (url: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    calls.push({
      url: String(url),
      method: init?.method ?? "GET",
      body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
      auth: headers.get("authorization"),
    });
    const reply = replies[Math.min(calls.length - 1, replies.length - 1)];
    if (!reply) throw new Error("no reply");
    return reply.clone();
  }) as typeof fetch;
  return { fetchImpl, calls };
}
const noSleep = async () => {};

describe("request bodies", () => {
  it("KIE text-to-image carries no image_urls at all, and always ratio and quality", () => {
    const body = kieCreateBody({ ...generate, callbackUrl: "https://app.test/cb" });
    expect(body).toEqual({
      model: "seedream/4.5-text-to-image",
      callBackUrl: "https://app.test/cb",
      input: { prompt: generate.prompt, aspect_ratio: "16:9", quality: "basic" },
    });
    expect(JSON.stringify(body)).not.toContain("image_urls");
    expect(kieCreateBody(edit)).toMatchObject({
      model: "seedream/4.5-edit",
      input: { image_urls: edit.references },
    });
  });

  it("Ark always sends max_images and watermark false, and a WxH size", () => {
    const single = arkCreateBody(generate, "seedream-4-5-251128");
    expect(single).toMatchObject({
      model: "seedream-4-5-251128",
      size: "2848x1600",
      sequential_image_generation: "disabled",
      sequential_image_generation_options: { max_images: 1 },
      watermark: false,
      response_format: "url",
    });
    expect(single).not.toHaveProperty("image");
    const batch = arkCreateBody({ ...edit, count: 4, references: refs(2) }, "m");
    expect(batch).toMatchObject({
      sequential_image_generation: "auto",
      sequential_image_generation_options: { max_images: 4 },
      watermark: false,
      image: refs(2),
    });
    expect(arkCreateBody(edit, "m")).toMatchObject({ image: edit.references[0] });
  });

  it("maps every ratio and quality to a size Ark accepts", () => {
    for (const aspectRatio of ASPECT_RATIOS) {
      for (const quality of QUALITIES) {
        const [w, h] = arkSize({ aspectRatio, quality }).split("x").map(Number) as [number, number];
        expect(w * h).toBeGreaterThanOrEqual(3_686_400);
        expect(w * h).toBeLessThanOrEqual(16_777_216);
        expect(Math.max(w / h, h / w)).toBeLessThanOrEqual(16);
      }
    }
  });

  it("fal gets sizes within its bounds for every ratio and quality, ratio kept", () => {
    for (const aspectRatio of ASPECT_RATIOS) {
      for (const quality of QUALITIES) {
        const { width, height } = falImageSize({ aspectRatio, quality });
        expect(Math.max(width, height)).toBeLessThanOrEqual(4096);
        expect(width * height).toBeGreaterThanOrEqual(2560 * 1440);
        expect(width * height).toBeLessThanOrEqual(4096 * 4096);
        const table = OUTPUT_SIZES[aspectRatio][quality];
        expect(Math.abs(width / height - table.width / table.height)).toBeLessThan(0.01);
      }
    }
    expect(falImageSize({ aspectRatio: "16:9", quality: "high" })).toEqual({ width: 4096, height: 2256 });
  });

  it("fal asks for the batch natively and sends references only for edits", () => {
    expect(falCreateBody({ ...generate, count: 3 })).toEqual({
      prompt: generate.prompt,
      num_images: 3,
      image_size: { width: 2848, height: 1600 },
      enable_safety_checker: true,
    });
    expect(falCreateBody(edit)).toMatchObject({ image_urls: edit.references });
  });
});

describe("capability checks before sending", () => {
  it("fal refuses an 11th reference without a request", async () => {
    const { fetchImpl, calls } = recordingFetch([json(200, { request_id: "r1" })]);
    const fal = withRequestChecks(
      createFalAdapter({ queueUrl: "https://fal.test", apiKey: "k", fetch: fetchImpl }),
    );
    await expect(fal.submit({ ...edit, references: refs(11) })).rejects.toThrow(UnsupportedRequestError);
    expect(calls).toHaveLength(0);
    await expect(fal.submit({ ...edit, references: refs(10) })).resolves.toEqual({
      kind: "queued",
      providerTaskId: "r1",
    });
  });

  it("hosts without native batches take one image per submission; Ark counts references and outputs together", async () => {
    const { fetchImpl, calls } = recordingFetch([json(200, {})]);
    const aio = withRequestChecks(
      createApiInOneAdapter({ baseUrl: "https://aio.test/api/v1", apiKey: "k", fetch: fetchImpl }),
    );
    await expect(aio.submit({ ...generate, count: 2 })).rejects.toThrow(/1 to 1 images/);
    const ark = withRequestChecks(
      createArkAdapter({ baseUrl: "https://ark.test/api/v3", apiKey: "k", model: "m", fetch: fetchImpl }),
    );
    await expect(ark.submit({ ...edit, references: refs(12), count: 4 })).rejects.toThrow(/15 images in all/);
    await expect(ark.submit({ ...generate, references: refs(1) })).rejects.toThrow(/no reference/);
    expect(calls).toHaveLength(0);
  });
});

describe("KIE", () => {
  const kie = (replies: Response[]) => {
    const fake = recordingFetch(replies);
    return {
      ...fake,
      adapter: createKieAdapter({
        baseUrl: "https://kie.test/",
        apiKey: "kie-key",
        fetch: fake.fetchImpl,
        sleep: noSleep,
      }),
    };
  };

  it("creates on createTask and reads recordInfo's resultJson string", async () => {
    const { adapter, calls } = kie([
      json(200, { code: 200, msg: "success", data: { taskId: "k1" } }),
      json(200, {
        code: 200,
        data: {
          taskId: "k1",
          state: "success",
          resultJson: JSON.stringify({ resultUrls: ["https://cdn.test/1.png"] }),
        },
      }),
    ]);
    expect(await adapter.submit(generate)).toEqual({ kind: "queued", providerTaskId: "k1" });
    const result = await adapter.poll("k1");
    expect(result).toMatchObject({
      status: "succeeded",
      billedImages: 1,
      outputs: [{ url: "https://cdn.test/1.png" }],
    });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      "POST https://kie.test/api/v1/jobs/createTask",
      "GET https://kie.test/api/v1/jobs/recordInfo?taskId=k1",
    ]);
    expect(calls[0]?.auth).toBe("Bearer kie-key");
  });

  it("reads errors sent as HTTP 200 with a code, and a failed task costs nothing", async () => {
    const refused = kie([json(200, { code: 402, msg: "Credits insufficient" })]);
    await expect(refused.adapter.submit(generate)).rejects.toMatchObject({ code: "out_of_credits" });
    const failed = kie([
      json(200, { code: 200, data: { taskId: "k2", state: "fail", failCode: "500", failMsg: "internal" } }),
    ]);
    expect(await failed.adapter.poll("k2")).toMatchObject({
      status: "failed",
      billedImages: 0,
      error: "internal",
    });
    const unknown = kie([json(422, { code: 422, msg: "recordInfo is null" })]);
    await expect(unknown.adapter.poll("nope")).rejects.toMatchObject({ code: "task_not_found" });
  });

  it("refuses a 429 create as not queued and sends it again after the wait", async () => {
    const { adapter, calls } = kie([
      json(429, { code: 429, msg: "rate limited" }),
      json(200, { code: 200, data: { taskId: "k3" } }),
    ]);
    expect(await adapter.submit(generate)).toEqual({ kind: "queued", providerTaskId: "k3" });
    expect(calls).toHaveLength(2);
  });

  it("accepts a good callback HMAC and refuses a bad, missing or stale one", () => {
    const key = "webhook-key";
    const now = 1_800_000_000;
    const sign = (taskId: string, ts: number) =>
      createHmac("sha256", key).update(`${taskId}.${ts}`).digest("base64");
    const good = { taskId: "k1", timestamp: String(now), signature: sign("k1", now), key, nowSeconds: now };
    expect(verifyKieCallbackSignature(good)).toBe(true);
    expect(verifyKieCallbackSignature({ ...good, taskId: "k2" })).toBe(false);
    expect(verifyKieCallbackSignature({ ...good, key: "other" })).toBe(false);
    expect(verifyKieCallbackSignature({ ...good, signature: null })).toBe(false);
    expect(verifyKieCallbackSignature({ ...good, signature: "!!" })).toBe(false);
    expect(verifyKieCallbackSignature({ ...good, nowSeconds: now + 3600 })).toBe(false);
  });
});

describe("Ark", () => {
  it("returns the images of its synchronous answer, per-item errors and what it billed", async () => {
    const { fetchImpl, calls } = recordingFetch([
      json(200, {
        model: "m",
        created: 1,
        data: [
          { url: "https://ark.test/1.png", size: "2848x1600" },
          { error: { code: "OutputImageSensitiveContentDetected", message: "filtered" } },
          { url: "https://ark.test/3.png", size: "2848x1600" },
        ],
        usage: { generated_images: 2, output_tokens: 1, total_tokens: 1 },
      }),
    ]);
    const ark = createArkAdapter({
      baseUrl: "https://ark.test/api/v3/",
      apiKey: "ark-key",
      model: "m",
      fetch: fetchImpl,
    });
    const outcome = await ark.submit({ ...generate, count: 3 });
    expect(outcome).toEqual({
      kind: "finished",
      result: expect.objectContaining({
        status: "succeeded",
        billedImages: 2,
        outputs: [
          { url: "https://ark.test/1.png", width: 2848, height: 1600 },
          { url: "https://ark.test/3.png", width: 2848, height: 1600 },
        ],
        itemErrors: [{ code: "content_filtered", message: "filtered", position: 1 }],
      }),
    });
    expect(calls[0]?.url).toBe("https://ark.test/api/v3/images/generations");
    expect(calls[0]?.auth).toBe("Bearer ark-key");
  });

  it("reads a top-level error as a failure that cost nothing, and an HTTP error as a refusal", async () => {
    expect(
      parseArkAnswer({ error: { code: "InputTextSensitiveContentDetected", message: "no" } }),
    ).toMatchObject({
      status: "failed",
      billedImages: 0,
      itemErrors: [{ code: "content_filtered" }],
    });
    const { fetchImpl } = recordingFetch([
      json(400, { error: { code: "InvalidParameter", message: "size" } }),
    ]);
    const ark = createArkAdapter({
      baseUrl: "https://ark.test/api/v3",
      apiKey: "k",
      model: "m",
      fetch: fetchImpl,
    });
    await expect(ark.submit(generate)).rejects.toMatchObject({
      code: "bad_request",
      upstreamMessage: "size",
    });
    expect(() => parseArkAnswer("garbage")).toThrow(SeedreamError);
  });
});

describe("fal", () => {
  it("polls the queue, then fetches the result from the app's request path", async () => {
    const { fetchImpl, calls } = recordingFetch([
      json(200, { request_id: "f1", status_url: "https://elsewhere.test/x" }),
      json(200, { status: "IN_QUEUE" }),
      json(200, { status: "COMPLETED" }),
      json(200, { images: [{ url: "https://fal.media/1.png", width: 2048, height: 2048 }], seed: 1 }),
    ]);
    const fal = createFalAdapter({
      queueUrl: "https://queue.fal.test",
      apiKey: "fal-key",
      fetch: fetchImpl,
      sleep: noSleep,
    });
    expect(await fal.submit(generate)).toEqual({ kind: "queued", providerTaskId: "f1" });
    expect(await fal.poll("f1")).toMatchObject({ status: "queued", billedImages: 0 });
    expect(await fal.poll("f1")).toMatchObject({ status: "succeeded", billedImages: 1 });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      "POST https://queue.fal.test/fal-ai/bytedance/seedream/v4.5/text-to-image",
      "GET https://queue.fal.test/fal-ai/bytedance/requests/f1/status",
      "GET https://queue.fal.test/fal-ai/bytedance/requests/f1/status",
      "GET https://queue.fal.test/fal-ai/bytedance/requests/f1",
    ]);
    expect(calls[0]?.auth).toBe("Key fal-key");
  });

  it("reports FAILED and a refused result as failures that cost nothing", async () => {
    const failed = recordingFetch([json(200, { status: "FAILED" })]);
    const fal = createFalAdapter({
      queueUrl: "https://q.test",
      apiKey: "k",
      fetch: failed.fetchImpl,
      sleep: noSleep,
    });
    expect(await fal.poll("f2")).toMatchObject({ status: "failed", billedImages: 0 });
    const refused = recordingFetch([
      json(200, { status: "COMPLETED" }),
      json(422, { detail: [{ msg: "bad image" }] }),
    ]);
    const fal2 = createFalAdapter({
      queueUrl: "https://q.test",
      apiKey: "k",
      fetch: refused.fetchImpl,
      sleep: noSleep,
    });
    expect(await fal2.poll("f3")).toMatchObject({ status: "failed", billedImages: 0 });
  });
});

describe("provider set from settings", () => {
  const simulatorUrl = () => "http://127.0.0.1:9";

  it("offers the bundled simulator's API in One contract when no key is set, others on request", () => {
    const none = createProviderSet(parseEnv({}), simulatorUrl);
    expect(none).toMatchObject({ simulated: true, defaultProvider: "api-in-one" });
    expect([...none.adapters.keys()]).toEqual(["api-in-one"]);
    const all = createProviderSet(
      parseEnv({ SIMULATED_PROVIDERS: "ark, fal,kie", DEFAULT_PROVIDER: "fal" }),
      simulatorUrl,
    );
    // The default first: what the composer offers first.
    expect([...all.adapters.keys()]).toEqual(["fal", "ark", "kie"]);
    expect(all.defaultProvider).toBe("fal");
  });

  it("offers every host with a key, and only those", () => {
    const set = createProviderSet(
      parseEnv({ KIE_API_KEY: "kie-key-123", FAL_KEY: "fal-key-123" }),
      simulatorUrl,
    );
    expect(set).toMatchObject({ simulated: false, defaultProvider: "kie" });
    expect([...set.adapters.keys()]).toEqual(["kie", "fal"]);
    expect(signupMode(parseEnv({ FAL_KEY: "fal-key-123" }))).toBe("invite");
  });

  it("refuses a default provider without a key, naming the setting", () => {
    expect(() => parseEnv({ KIE_API_KEY: "kie-key-123", DEFAULT_PROVIDER: "ark" })).toThrow(
      /DEFAULT_PROVIDER.*ARK_API_KEY/,
    );
    expect(() => parseEnv({ SIMULATED_PROVIDERS: "kie,midjourney" })).toThrow(/SIMULATED_PROVIDERS/);
  });
});

describe("the shared transport's bounds", () => {
  it("waits at most a minute whatever Retry-After says", async () => {
    const sleeps: number[] = [];
    const { fetchImpl } = recordingFetch([
      new Response("{}", { status: 429, headers: { "retry-after": "86400" } }),
      json(200, { code: 200, data: { taskId: "k9" } }),
    ]);
    const kie = createKieAdapter({
      baseUrl: "https://kie.test",
      apiKey: "k",
      fetch: fetchImpl,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    await kie.submit(generate);
    expect(sleeps).toEqual([60_000]);
  });

  it("reads no answer larger than any answer should be: an oversized create is an unknown outcome", async () => {
    const huge = JSON.stringify({ code: 200, data: { taskId: "k1", pad: "x".repeat(3 * 1024 * 1024) } });
    const { fetchImpl } = recordingFetch([new Response(huge, { status: 200 })]);
    const kie = createKieAdapter({
      baseUrl: "https://kie.test",
      apiKey: "k",
      fetch: fetchImpl,
      sleep: noSleep,
    });
    await expect(kie.submit(generate)).rejects.toMatchObject({ code: "outcome_unknown" });
  });
});
