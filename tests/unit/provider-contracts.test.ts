import http from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiInOneAdapter } from "@/lib/providers/api-in-one";
import { createArkAdapter } from "@/lib/providers/ark";
import { withRequestChecks } from "@/lib/providers/checked-adapter";
import { createFalAdapter } from "@/lib/providers/fal";
import { createKieAdapter, verifyKieCallbackSignature } from "@/lib/providers/kie";
import type { CanonicalRequest, ProviderAdapter, ProviderResult } from "@/lib/providers/types";
import { type Simulator, startSimulator } from "@/lib/simulator/server";

// Each adapter against the simulator speaking that host's documented shapes (contract §5).

const KIE_WEBHOOK_KEY = "kie-webhook-key-for-tests";
const noSleep = async () => {};
let simulator: Simulator;
let side: http.Server;
let sideUrl = "";
const callbacks: {
  headers: http.IncomingHttpHeaders;
  body: { data?: { taskId?: string; state?: string } };
}[] = [];
let png = Buffer.alloc(0);

beforeAll(async () => {
  simulator = await startSimulator({ kieWebhookKey: KIE_WEBHOOK_KEY });
  simulator.setBehaviour({ durationMs: 20 });
  png = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#20a040" } })
    .png()
    .toBuffer();
  // Serves references (as our signed URLs would) and receives callbacks.
  side = http.createServer(async (req, res) => {
    if (req.method === "POST") {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      callbacks.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString()) });
      return res.writeHead(200).end();
    }
    res.writeHead(200, { "content-type": "image/png" }).end(png);
  });
  await new Promise<void>((resolve) => side.listen(0, "127.0.0.1", resolve));
  sideUrl = `http://127.0.0.1:${(side.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await simulator.close();
  side.close();
});

const request = (overrides: Partial<CanonicalRequest> = {}): CanonicalRequest => ({
  mode: "generate",
  prompt: "a quiet harbour",
  aspectRatio: "1:1",
  quality: "basic",
  references: [],
  count: 1,
  ...overrides,
});

async function settle(adapter: ProviderAdapter, req: CanonicalRequest): Promise<ProviderResult> {
  const outcome = await adapter.submit(req);
  if (outcome.kind === "finished") return outcome.result;
  for (let i = 0; i < 200; i++) {
    const result = await adapter.poll(outcome.providerTaskId);
    if (result.status === "succeeded" || result.status === "failed") return result;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("never settled");
}

async function downloadable(result: ProviderResult): Promise<void> {
  for (const output of result.outputs) {
    const response = await fetch(output.url);
    expect(response.status).toBe(200);
    expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).width).toBeGreaterThan(0);
  }
}

const hostTasks = async () =>
  (await (
    await fetch(`${simulator.url}/__sim/host-tasks`, {
      headers: { authorization: `Bearer ${simulator.controlSecret}` },
    })
  ).json()) as { host: string; prompt: string; extras: Record<string, unknown> }[];

describe("API in One", () => {
  it("generates one image per task", async () => {
    const aio = withRequestChecks(
      createApiInOneAdapter({ baseUrl: simulator.apiUrl, apiKey: "aio_test", sleep: noSleep }),
    );
    const result = await settle(aio, request());
    expect(result).toMatchObject({ status: "succeeded", billedImages: 1 });
    await downloadable(result);
  });
});

describe("KIE", () => {
  const kie = () =>
    withRequestChecks(createKieAdapter({ baseUrl: simulator.url, apiKey: "kie_test", sleep: noSleep }));

  it("generates and edits", async () => {
    const generated = await settle(kie(), request());
    expect(generated).toMatchObject({ status: "succeeded", billedImages: 1 });
    await downloadable(generated);
    const edited = await settle(kie(), request({ mode: "edit", references: [`${sideUrl}/ref.png`] }));
    expect(edited).toMatchObject({ status: "succeeded", billedImages: 1 });
  });

  it("reads errors that come as HTTP 200 with a code, and a failed task that cost nothing", async () => {
    await expect(kie().submit(request({ prompt: "x [sim:create=out_of_credits]" }))).rejects.toMatchObject({
      code: "out_of_credits",
    });
    await expect(kie().submit(request({ prompt: "x [sim:create=key_rejected]" }))).rejects.toMatchObject({
      code: "key_rejected",
    });
    await expect(kie().submit(request({ prompt: "x [sim:create=rate_limited]" }))).rejects.toMatchObject({
      code: "rate_limited",
    });
    expect(await settle(kie(), request({ prompt: "doomed [sim:fail]" }))).toMatchObject({
      status: "failed",
      billedImages: 0,
    });
    await expect(kie().poll("no-such-task")).rejects.toMatchObject({ code: "task_not_found" });
  });

  it("signs its callbacks: the right key verifies them, another does not", async () => {
    const outcome = await kie().submit(request({ prompt: "called back", callbackUrl: `${sideUrl}/cb` }));
    const taskId = outcome.kind === "queued" ? outcome.providerTaskId : "";
    let received: (typeof callbacks)[number] | undefined;
    for (let i = 0; i < 100 && !received; i++) {
      received = callbacks.find((c) => c.body.data?.taskId === taskId);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(received?.body.data?.state).toBe("success");
    const signed = {
      taskId,
      timestamp: String(received?.headers["x-webhook-timestamp"]),
      signature: String(received?.headers["x-webhook-signature"]),
    };
    expect(verifyKieCallbackSignature({ ...signed, key: KIE_WEBHOOK_KEY })).toBe(true);
    expect(verifyKieCallbackSignature({ ...signed, key: "not-the-key" })).toBe(false);
    expect(verifyKieCallbackSignature({ ...signed, taskId: "another-task", key: KIE_WEBHOOK_KEY })).toBe(
      false,
    );
  });
});

describe("ModelArk", () => {
  const ark = () =>
    withRequestChecks(
      createArkAdapter({
        baseUrl: `${simulator.url}/api/v3`,
        apiKey: "ark_test",
        model: "seedream-4-5-251128",
      }),
    );

  it("answers a 4-variation batch with one filtered item: 3 images, the reason, billed 3", async () => {
    const result = await settle(ark(), request({ prompt: "four boats [sim:filterItem=2]", count: 4 }));
    expect(result).toMatchObject({ status: "succeeded", billedImages: 3 });
    expect(result.outputs).toHaveLength(3);
    expect(result.itemErrors).toEqual([expect.objectContaining({ code: "content_filtered" })]);
    await downloadable(result);
    const sent = (await hostTasks()).find((task) => task.prompt.startsWith("four boats"));
    expect(sent?.extras).toEqual({ watermark: false, maxImages: 4 });
  });

  it("takes references as data URIs, so edits need no public URL", async () => {
    const dataUri = `data:image/png;base64,${png.toString("base64")}`;
    const result = await settle(ark(), request({ mode: "edit", references: [dataUri] }));
    expect(result).toMatchObject({ status: "succeeded", billedImages: 1 });
  });

  it("reads a top-level error as a failure that cost nothing", async () => {
    expect(await settle(ark(), request({ prompt: "refused [sim:fail]", count: 2 }))).toMatchObject({
      status: "failed",
      billedImages: 0,
      itemErrors: [expect.objectContaining({ code: "content_filtered" })],
    });
  });
});

describe("fal", () => {
  const fal = () =>
    withRequestChecks(createFalAdapter({ queueUrl: simulator.url, apiKey: "fal_test", sleep: noSleep }));

  it("makes a native batch through the queue and edits with references", async () => {
    const batch = await settle(fal(), request({ prompt: "three kites", count: 3 }));
    expect(batch).toMatchObject({ status: "succeeded", billedImages: 3 });
    await downloadable(batch);
    const edited = await settle(
      fal(),
      request({ mode: "edit", references: [`${sideUrl}/a.png`, `${sideUrl}/b.png`] }),
    );
    expect(edited).toMatchObject({ status: "succeeded", billedImages: 1 });
  });

  it("reports FAILED as a failure that cost nothing", async () => {
    expect(await settle(fal(), request({ prompt: "no luck [sim:fail]" }))).toMatchObject({
      status: "failed",
      billedImages: 0,
    });
  });

  it("refuses an 11th reference before anything reaches the host", async () => {
    const before = (await hostTasks()).length;
    const references = Array.from({ length: 11 }, (_, i) => `${sideUrl}/${i}.png`);
    await expect(fal().submit(request({ mode: "edit", references }))).rejects.toThrow(/at most 10/);
    expect((await hostTasks()).length).toBe(before);
  });
});
