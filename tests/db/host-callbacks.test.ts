import { createHmac, randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { APP_URL, afterTasks, setUpAppDatabase, setUpAppOnSimulator } from "../support/app-on-simulator";
import { databaseCases } from "../support/databases";
import { makeUser, storedGeneration } from "../support/fixtures";

// Each host's callback route as the app runs it (after() included), with two real hosts set up
// against the simulator: KIE signing its callbacks, API in One not.

vi.mock("next/server", async (original) =>
  (await import("../support/app-on-simulator")).nextServerWithQueuedAfter(original),
);
const { settled } = afterTasks;

const WEBHOOK_KEY = "kie-webhook-key-for-tests";
setUpAppOnSimulator({
  dataDirPrefix: "seedream-host-callbacks-",
  apiKey: "aio_host_callbacks",
  simulatorOptions: { kieWebhookKey: WEBHOOK_KEY },
  env: (simulator) => ({
    KIE_API_KEY: "kie_host_callbacks",
    KIE_API_URL: simulator.url,
    KIE_WEBHOOK_HMAC_KEY: WEBHOOK_KEY,
    ARK_API_KEY: "ark_host_callbacks",
    ARK_BASE_URL: `${simulator.url}/api/v3`,
  }),
});

describe.each(databaseCases())("host callback routes on $name", ({ open }) => {
  const appDb = setUpAppDatabase({ open });

  const reload = (id: string) => storedGeneration(appDb.db, id);

  async function running(provider: "kie" | "api-in-one") {
    const user = await makeUser(appDb.db);
    const [created] = await appDb.service.createGeneration(user.id, {
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
    return appDb.POST(request, { params: Promise.resolve({ provider, token }) });
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
    const user = await makeUser(appDb.db);
    const [created] = await appDb.service.createGeneration(user.id, {
      prompt: `an answer with the images ${randomUUID()}`,
      aspectRatio: "1:1",
      quality: "basic",
      idempotencyKey: randomUUID(),
      referenceIds: [],
      provider: "ark",
    });
    if (!created) throw new Error("nothing recorded");
    // Nothing was left to run after the response: the request only recorded it.
    expect(afterTasks.scheduled).toHaveLength(0);
    expect(await reload(created.id)).toMatchObject({ status: "pending", submitStartedAt: null });
    const { startGenerationWorker } = await import("@/lib/generations/worker");
    const worker = startGenerationWorker(appDb.service.loadRefreshDeps);
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
