import { createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getGenerationById } from "@/db/queries/generations";
import { type Simulator, startSimulator } from "@/lib/simulator/server";
import { databaseCases } from "../support/databases";
import { makeUser } from "../support/fixtures";

// Each host's callback route as the app runs it (after() included), with two real hosts set up
// against the simulator: KIE signing its callbacks, API in One not.

const scheduled: Promise<unknown>[] = [];
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => Promise<unknown>) => {
    scheduled.push(Promise.resolve().then(task));
  },
}));
const settled = async () => {
  while (scheduled.length > 0) await Promise.all(scheduled.splice(0));
};

const WEBHOOK_KEY = "kie-webhook-key-for-tests";
const APP_URL = "https://studio.example";
let simulator: Simulator;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-host-callbacks-"));

beforeAll(async () => {
  simulator = await startSimulator({ kieWebhookKey: WEBHOOK_KEY });
  vi.stubEnv("SEEDREAM_API_KEY", "aio_host_callbacks");
  vi.stubEnv("SEEDREAM_API_URL", simulator.apiUrl);
  vi.stubEnv("KIE_API_KEY", "kie_host_callbacks");
  vi.stubEnv("KIE_API_URL", simulator.url);
  vi.stubEnv("KIE_WEBHOOK_HMAC_KEY", WEBHOOK_KEY);
  vi.stubEnv("ARK_API_KEY", "ark_host_callbacks");
  vi.stubEnv("ARK_BASE_URL", `${simulator.url}/api/v3`);
  vi.stubEnv("OUTBOUND_ALLOW_HOSTS", new URL(simulator.url).host);
  vi.stubEnv("APP_URL", APP_URL);
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("AUTH_SECRET", "a".repeat(40));
  vi.stubEnv("DATABASE_URL", "");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await simulator.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.each(databaseCases())("host callback routes on $name", ({ open }) => {
  let handle: DatabaseHandle;
  let POST: typeof import("@/app/api/webhooks/[provider]/[token]/route").POST;
  let service: typeof import("@/lib/generations/service");
  const globalForDb = globalThis as typeof globalThis & { __seedreamDb?: Promise<DatabaseHandle> };

  beforeAll(async () => {
    handle = await open();
    globalForDb.__seedreamDb = Promise.resolve(handle);
    ({ POST } = await import("@/app/api/webhooks/[provider]/[token]/route"));
    service = await import("@/lib/generations/service");
  });
  afterAll(async () => {
    globalForDb.__seedreamDb = undefined;
    await handle.close();
  });

  const reload = async (id: string) => {
    const row = await getGenerationById(handle.db, id);
    if (!row) throw new Error("row vanished");
    return row;
  };

  async function running(provider: "kie" | "api-in-one") {
    const user = await makeUser(handle.db);
    const [created] = await service.createGeneration(user.id, {
      prompt: `a callback ${randomUUID()} [sim:durationMs=50]`,
      aspectRatio: "1:1",
      quality: "basic",
      idempotencyKey: randomUUID(),
      referenceIds: [],
      provider,
    });
    if (!created) throw new Error("nothing recorded");
    await settled();
    const row = await reload(created.id);
    expect(row).toMatchObject({ status: "running", provider, lastCheckedAt: null });
    return row;
  }

  function post(provider: string, token: string, taskId: string, headers: Record<string, string> = {}) {
    const request = new Request(`${APP_URL}/api/webhooks/${provider}/${token}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ code: 200, data: { taskId, state: "success" } }),
    });
    return POST(request, { params: Promise.resolve({ provider, token }) });
  }

  const signed = (taskId: string, key = WEBHOOK_KEY, timestamp = Math.floor(Date.now() / 1000)) => ({
    "x-webhook-timestamp": String(timestamp),
    "x-webhook-signature": createHmac("sha256", key).update(`${taskId}.${timestamp}`).digest("base64"),
  });

  it("refuses a KIE callback with no, a wrong or an old signature, and changes nothing", async () => {
    const row = await running("kie");
    const taskId = row.upstreamTaskId ?? "";
    const old = Math.floor(Date.now() / 1000) - 3600;
    for (const headers of [
      {},
      signed(taskId, "another-key"),
      signed("another-task", WEBHOOK_KEY),
      signed(taskId, WEBHOOK_KEY, old),
    ]) {
      expect((await post("kie", row.callbackToken, taskId, headers)).status).toBe(401);
    }
    await settled();
    expect(await reload(row.id)).toMatchObject({ status: "running", lastCheckedAt: null });
  });

  it("takes a KIE callback with a good signature as a hint: the host's status is checked", async () => {
    const row = await running("kie");
    const taskId = row.upstreamTaskId ?? "";
    expect((await post("kie", row.callbackToken, taskId, signed(taskId))).status).toBe(204);
    await settled();
    expect((await reload(row.id)).lastCheckedAt).not.toBeNull();
  });

  it("sends a ModelArk create from the worker, never inside the request that recorded it", async () => {
    const user = await makeUser(handle.db);
    const [created] = await service.createGeneration(user.id, {
      prompt: `an answer with the images ${randomUUID()}`,
      aspectRatio: "1:1",
      quality: "basic",
      idempotencyKey: randomUUID(),
      referenceIds: [],
      provider: "ark",
    });
    if (!created) throw new Error("nothing recorded");
    // Nothing was left to run after the response: the request only recorded it.
    expect(scheduled).toHaveLength(0);
    expect(await reload(created.id)).toMatchObject({ status: "pending", submitStartedAt: null });
    const { startGenerationWorker } = await import("@/lib/generations/worker");
    const worker = startGenerationWorker(service.loadRefreshDeps);
    try {
      for (let i = 0; i < 200 && (await reload(created.id)).status !== "succeeded"; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await worker.stop();
    }
    expect(await reload(created.id)).toMatchObject({ status: "succeeded", billingState: "charged" });
  });

  it("answers 404 for a token on another host's route, and for an unknown host", async () => {
    const row = await running("api-in-one");
    const taskId = row.upstreamTaskId ?? "";
    expect((await post("kie", row.callbackToken, taskId, signed(taskId))).status).toBe(404);
    expect((await post("replicate", row.callbackToken, taskId)).status).toBe(400);
    // Its own host's route takes it, unsigned: API in One's callbacks cannot be verified.
    expect((await post("api-in-one", row.callbackToken, taskId)).status).toBe(204);
    await settled();
    expect((await reload(row.id)).lastCheckedAt).not.toBeNull();
  });
});
