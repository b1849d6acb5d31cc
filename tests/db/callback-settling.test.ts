import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { claimSubmission, markFinished } from "@/db/queries/generation-lifecycle";
import { generations } from "@/db/schema";
import { staleAfterMs } from "@/lib/generations/refresh";
import { APP_URL, afterTasks, setUpAppDatabase, setUpAppOnSimulator } from "../support/app-on-simulator";
import { databaseCases } from "../support/databases";
import { makeGeneration, makeUser, storedGeneration } from "../support/fixtures";

// The callback route and the composer's create as the app runs them, `after()` included, against
// a real database and the simulator (as a configured upstream).

vi.mock("next/server", async (original) =>
  (await import("../support/app-on-simulator")).nextServerWithQueuedAfter(original),
);
const { settled } = afterTasks;
const app = setUpAppOnSimulator({ dataDirPrefix: "seedream-callbacks-", apiKey: "aio_callback_test" });

interface SimTask {
  id: string;
  prompt: string;
  phase: string;
  statusCalls: number;
}

async function simTasks(): Promise<SimTask[]> {
  const response = await fetch(`${app.simulator.url}/__sim/tasks`, {
    headers: { authorization: `Bearer ${app.simulator.controlSecret}` },
  });
  return (await response.json()) as SimTask[];
}

async function simTaskFor(prompt: string): Promise<SimTask> {
  const task = (await simTasks()).find((t) => t.prompt === prompt);
  if (!task) throw new Error(`no simulator task for ${prompt}`);
  return task;
}

/** A create that reached the upstream, whatever became of its answer (what a dead process sent). */
async function createUpstream(prompt: string, token: string): Promise<string> {
  const response = await fetch(`${app.simulator.apiUrl}/images/generations`, {
    method: "POST",
    headers: { authorization: "Bearer aio_callback_test", "content-type": "application/json" },
    body: JSON.stringify({
      model: "seedream/4.5-text-to-image",
      prompt,
      aspect_ratio: "1:1",
      quality: "basic",
      callback_url: `${APP_URL}/api/webhooks/api-in-one/${token}`,
    }),
  });
  const body = (await response.json()) as { data: { task_id: string } };
  return body.data.task_id;
}

async function untilPhase(prompt: string, phase: string) {
  for (let i = 0; i < 200; i++) {
    if ((await simTaskFor(prompt)).phase === phase) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${prompt} never reached ${phase}`);
}

describe.each(databaseCases())("callbacks and resends on $name", ({ open }) => {
  const appDb = setUpAppDatabase({ open });
  beforeEach(() => {
    afterTasks.drop = false;
  });

  const reload = (id: string) => storedGeneration(appDb.db, id);

  async function callback(token: string, taskId: string) {
    const request = new Request(`${APP_URL}/api/webhooks/api-in-one/${token}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code: 200, data: { task_id: taskId, status: "COMPLETED" } }),
    });
    const response = await appDb.POST(request, {
      params: Promise.resolve({ provider: "api-in-one", token }),
    });
    expect(response.status).toBe(204);
  }

  /** A generation whose create was sent and never answered (a timeout, or the process died). */
  async function unanswered(prompt: string, status: "pending" | "unknown") {
    const user = await makeUser(appDb.db);
    const generation = await makeGeneration(appDb.db, user.id, { prompt });
    await claimSubmission(appDb.db, generation.id, "a-process-that-died");
    if (status === "unknown") {
      await markFinished(appDb.db, {
        id: generation.id,
        from: ["pending"],
        status: "unknown",
        errorCode: "outcome_unknown",
        errorMessage: "lost",
      });
    }
    return generation;
  }

  it("asks the upstream once for a flood of 20 callbacks about one task, sent one by one or at once", async () => {
    const user = await makeUser(appDb.db);
    const prompt = `a long task ${Math.random()} [sim:durationMs=60000]`;
    const generation = await makeGeneration(appDb.db, user.id, { prompt });
    const { submitGeneration } = await import("@/lib/generations/submit");
    await submitGeneration(await appDb.service.loadRefreshDeps(), generation.id);
    const running = await reload(generation.id);
    expect(running.status).toBe("running");
    const taskId = running.upstreamTaskId ?? "";
    // Four minutes in, a status is fresh for ~6 s: long enough for the whole flood to land in one window.
    await appDb.db
      .update(generations)
      .set({ createdAt: sql`now() - interval '4 minutes'` })
      .where(eq(generations.id, generation.id));

    const started = Date.now();
    for (let i = 0; i < 20; i++) await callback(running.callbackToken, taskId);
    await Promise.all(Array.from({ length: 20 }, () => callback(running.callbackToken, taskId)));
    await settled();
    expect(Date.now() - started).toBeLessThan(staleAfterMs(4 * 60_000));
    // 40 posts used to make 40 status calls.
    expect((await simTaskFor(prompt)).statusCalls).toBe(1);
  });

  it("does not give an unknown create the task another callback body names", async () => {
    const generation = await unanswered(`mine ${Math.random()}`, "unknown");
    const other = await makeGeneration(appDb.db, (await makeUser(appDb.db)).id);
    const othersPrompt = `someone else's ${Math.random()} [sim:durationMs=10]`;
    const othersTask = await createUpstream(othersPrompt, other.callbackToken);
    await untilPhase(othersPrompt, "succeeded");

    for (let i = 0; i < 5; i++) await callback(generation.callbackToken, othersTask);
    await settled();
    expect(await reload(generation.id)).toMatchObject({
      status: "unknown",
      upstreamTaskId: null,
      resultMediaId: null,
    });
    expect((await simTaskFor(othersPrompt)).statusCalls).toBe(1);
  });

  it.each(["pending", "unknown"] as const)(
    "settles a %s create from its callback once the upstream confirms the task, and saves the image",
    async (status) => {
      const prompt = `a create whose answer was lost ${Math.random()} [sim:durationMs=10]`;
      const generation = await unanswered(prompt, status);
      const taskId = await createUpstream(prompt, generation.callbackToken);
      await untilPhase(prompt, "succeeded");

      await callback(generation.callbackToken, taskId);
      await settled();
      const done = await reload(generation.id);
      expect(done).toMatchObject({ status: "succeeded", upstreamTaskId: taskId, errorCode: null });
      expect(done.media?.width).toBe(2048);
    },
  );

  it("binds nothing when the upstream's status does not say what the task was asked", async () => {
    const prompt = `a quiet upstream ${Math.random()} [sim:durationMs=10,echoRequest=false]`;
    const generation = await unanswered(prompt, "unknown");
    const taskId = await createUpstream(prompt, generation.callbackToken);
    await untilPhase(prompt, "succeeded");
    await callback(generation.callbackToken, taskId);
    await settled();
    expect(await reload(generation.id)).toMatchObject({ status: "unknown", upstreamTaskId: null });
  });

  it("keeps a callback's task id while the upstream cannot confirm it, and the sweep settles it later", async () => {
    const prompt = `confirmed later ${Math.random()} [sim:durationMs=10]`;
    const generation = await unanswered(prompt, "unknown");
    const taskId = await createUpstream(prompt, generation.callbackToken);
    await untilPhase(prompt, "succeeded");
    app.simulator.setBehaviour({ status: "server_error" });
    try {
      await callback(generation.callbackToken, taskId);
      await settled();
    } finally {
      app.simulator.resetBehaviour();
    }
    const waiting = await reload(generation.id);
    expect(waiting).toMatchObject({ status: "unknown", upstreamTaskId: null, callbackTaskId: taskId });
    expect(waiting.nextCheckAt?.getTime()).toBeGreaterThan(Date.now());

    const { sweepGenerations } = await import("@/lib/generations/sweeper");
    await appDb.db
      .update(generations)
      .set({ nextCheckAt: null, lastCheckedAt: sql`now() - interval '1 minute'` })
      .where(eq(generations.id, generation.id));
    await sweepGenerations(await appDb.service.loadRefreshDeps());
    expect(await reload(generation.id)).toMatchObject({ status: "succeeded", upstreamTaskId: taskId });
  });

  it("sends a create recorded but never sent when the same key comes again", async () => {
    const user = await makeUser(appDb.db);
    const prompt = `pressed again after a network error ${Math.random()} [sim:durationMs=10]`;
    const input = {
      prompt,
      aspectRatio: "1:1" as const,
      quality: "basic" as const,
      idempotencyKey: `key-${Math.random()}`,
      referenceIds: [],
    };
    afterTasks.drop = true;
    const [first] = await appDb.service.createGeneration(user.id, input);
    if (!first) throw new Error("nothing recorded");
    afterTasks.drop = false;
    expect((await reload(first.id)).status).toBe("pending");

    const [again] = await appDb.service.createGeneration(user.id, input);
    const [third] = await appDb.service.createGeneration(user.id, input);
    await settled();
    expect([again?.id, third?.id]).toEqual([first.id, first.id]);
    expect(await reload(first.id)).toMatchObject({ status: "running" });
    expect((await simTasks()).filter((task) => task.prompt === prompt)).toHaveLength(1);
  });

  it("downloads a task that finished after it was timed out, when its callback comes", async () => {
    const user = await makeUser(appDb.db);
    const prompt = `a late image ${Math.random()} [sim:durationMs=1500]`;
    const key = `key-${Math.random()}`;
    const [created] = await appDb.service.createGeneration(user.id, {
      prompt,
      aspectRatio: "1:1",
      quality: "basic",
      idempotencyKey: key,
      referenceIds: [],
    });
    if (!created) throw new Error("nothing recorded");
    await settled();
    await appDb.db
      .update(generations)
      .set({ createdAt: sql`now() - interval '16 minutes'` })
      .where(eq(generations.id, created.id));
    const deps = await appDb.service.loadRefreshDeps();
    const { refreshGeneration } = await import("@/lib/generations/refresh");
    await refreshGeneration(deps, await reload(created.id));
    const timedOut = await reload(created.id);
    expect(timedOut.status).toBe("timed_out");

    await untilPhase(prompt, "succeeded");
    // Its callback comes a while after our last look (sooner, it waits for that look's window).
    await appDb.db
      .update(generations)
      .set({ lastCheckedAt: sql`now() - interval '1 minute'` })
      .where(eq(generations.id, created.id));
    await callback(timedOut.callbackToken, timedOut.upstreamTaskId ?? "");
    await settled();
    const done = await reload(created.id);
    expect(done).toMatchObject({ status: "succeeded", errorCode: null });
    expect(done.media).not.toBeNull();
  });
});
