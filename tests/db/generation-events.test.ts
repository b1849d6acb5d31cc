import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getGenerationById } from "@/db/queries/generations";
import { generations } from "@/db/schema";
import { GENERATION_EVENTS_CHANNEL, parseGenerationChange } from "@/lib/events/generation-change";
import { listenForGenerationChanges, processEventHub } from "@/lib/events/process-events";
import { submitGeneration } from "@/lib/generations/submit";
import { startGenerationWorker } from "@/lib/generations/worker";

import { databaseCases } from "../support/databases";
import { makeGeneration, makeUser } from "../support/fixtures";
import { setUpSimulatedBackend, simulatorUpstream, statusCallCounter } from "../support/simulated-backend";

const signedIn = vi.hoisted(() => ({ user: null as { id: string; role: "user" } | null }));
vi.mock("@/lib/auth/request-user", () => ({ getRequestUser: async () => signedIn.user }));

const globalForDb = globalThis as typeof globalThis & { __seedreamDb?: Promise<DatabaseHandle> };
const globalForEvents = globalThis as typeof globalThis & {
  __seedreamEvents?: { listener?: { stop(): Promise<void> } };
};
const tick = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads `event: generations` messages off an SSE body as they come. */
function readEvents(body: ReadableStream<Uint8Array>) {
  const messages: { snapshot: boolean; items: { id: string; status: string; phase: string }[] }[] = [];
  let text = "";
  const reader = body.getReader();
  const done = (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (chunk.done) return;
      text += new TextDecoder().decode(chunk.value);
      let end = text.indexOf("\n\n");
      while (end >= 0) {
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        const data = block.match(/^event: generations\ndata: (.*)$/m)?.[1];
        if (data) messages.push(JSON.parse(data));
        end = text.indexOf("\n\n");
      }
    }
  })();
  return { messages, done, cancel: () => reader.cancel() };
}

describe.each(databaseCases())("generation events on $name", ({ open }) => {
  let handle: DatabaseHandle;
  const heard: string[] = [];
  let unlisten: () => Promise<void>;

  beforeAll(async () => {
    handle = await open();
    globalForDb.__seedreamDb = Promise.resolve(handle);
    globalForEvents.__seedreamEvents = undefined;
    unlisten = await handle.listen(GENERATION_EVENTS_CHANNEL, (payload) => heard.push(payload));
    await listenForGenerationChanges(handle).started();
  });
  afterAll(async () => {
    await globalForEvents.__seedreamEvents?.listener?.stop();
    await unlisten();
    globalForDb.__seedreamDb = undefined;
    globalForEvents.__seedreamEvents = undefined;
    await handle.close();
  });
  beforeEach(() => {
    heard.length = 0;
    signedIn.user = null;
  });

  const changesOf = (id: string) =>
    heard.map((payload) => parseGenerationChange(payload)).filter((change) => change?.generationId === id);

  it("announces a change when its transaction commits, never one that rolls back", async () => {
    const user = await makeUser(handle.db);
    const generation = await makeGeneration(handle.db, user.id);
    await tick();
    expect(changesOf(generation.id)).toEqual([
      { userId: user.id, generationId: generation.id, status: "pending", previousStatus: null },
    ]);

    heard.length = 0;
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.update(generations).set({ status: "running" }).where(eq(generations.id, generation.id));
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    await tick();
    expect(changesOf(generation.id)).toEqual([]);

    let heardInside = -1;
    await handle.db.transaction(async (tx) => {
      await tx.update(generations).set({ status: "running" }).where(eq(generations.id, generation.id));
      await tick();
      heardInside = changesOf(generation.id).length;
    });
    await tick();
    expect(heardInside).toBe(0);
    expect(changesOf(generation.id)).toEqual([
      { userId: user.id, generationId: generation.id, status: "running", previousStatus: "pending" },
    ]);
  });

  it("does not announce claims and check times, which show nothing", async () => {
    const generation = await makeGeneration(handle.db, (await makeUser(handle.db)).id);
    await tick();
    heard.length = 0;
    await handle.db
      .update(generations)
      .set({ lastCheckedAt: sql`now()`, nextCheckAt: sql`now()`, claimedBy: "someone" })
      .where(eq(generations.id, generation.id));
    await handle.db.update(generations).set({ progress: 40 }).where(eq(generations.id, generation.id));
    await tick();
    expect(changesOf(generation.id).map((change) => change?.status)).toEqual(["pending"]);
  });

  it("the status GET only reads: a stale running task is left as it was", async () => {
    const { GET } = await import("@/app/api/generations/[id]/route");
    const user = await makeUser(handle.db);
    const generation = await makeGeneration(handle.db, user.id, {
      status: "running",
      upstreamTaskId: "sim_never_checked",
    });
    await handle.db
      .update(generations)
      .set({ createdAt: sql`now() - interval '1 minute'`, lastCheckedAt: sql`now() - interval '50 seconds'` })
      .where(eq(generations.id, generation.id));
    const before = await getGenerationById(handle.db, generation.id);
    signedIn.user = { id: user.id, role: "user" };
    const response = await GET(new Request(`http://app.test/api/generations/${generation.id}`), {
      params: Promise.resolve({ id: generation.id }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).status).toBe("running");
    expect(await getGenerationById(handle.db, generation.id)).toEqual(before);
  });

  it("GET /api/events: 401 without a session; a snapshot of the user's unfinished work, then only their changes", async () => {
    const { GET } = await import("@/app/api/events/route");
    const refused = await GET(new Request("http://app.test/api/events"));
    expect(refused.status).toBe(401);

    const owner = await makeUser(handle.db);
    const other = await makeUser(handle.db);
    const running = await makeGeneration(handle.db, owner.id, { status: "running", upstreamTaskId: "t1" });
    const finished = await makeGeneration(handle.db, owner.id, { status: "failed" });
    const theirs = await makeGeneration(handle.db, other.id, { status: "running", upstreamTaskId: "t2" });
    signedIn.user = { id: owner.id, role: "user" };
    const aborted = new AbortController();
    const response = await GET(new Request("http://app.test/api/events", { signal: aborted.signal }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    expect(response.headers.get("cache-control")).toContain("no-transform");
    const stream = readEvents(response.body as ReadableStream<Uint8Array>);
    await vi.waitFor(() => expect(stream.messages).toHaveLength(1));
    expect(stream.messages[0]?.snapshot).toBe(true);
    const listed = stream.messages[0]?.items.map((item) => item.id);
    expect(listed).toContain(running.id);
    expect(listed).not.toContain(finished.id);
    expect(listed).not.toContain(theirs.id);

    await handle.db
      .update(generations)
      .set({ upstreamStatus: "generating", progress: 50 })
      .where(eq(generations.id, theirs.id));
    await handle.db
      .update(generations)
      .set({ status: "failed", errorCode: "failed", errorMessage: "no" })
      .where(eq(generations.id, running.id));
    await vi.waitFor(() => expect(stream.messages).toHaveLength(2));
    await tick(300);
    expect(stream.messages).toHaveLength(2);
    expect(stream.messages[1]).toMatchObject({
      snapshot: false,
      items: [{ id: running.id, status: "failed" }],
    });

    expect(processEventHub().streamCount).toBe(1);
    aborted.abort();
    await stream.done;
    expect(processEventHub().streamCount).toBe(0);
  });

  it("a session that ends while its stream is open ends the stream with event: ended", async () => {
    const { GET } = await import("@/app/api/events/route");
    const user = await makeUser(handle.db);
    signedIn.user = { id: user.id, role: "user" };
    const response = await GET(new Request("http://app.test/api/events"));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    const read = (async () => {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        text += new TextDecoder().decode(chunk.value);
      }
    })();
    await vi.waitFor(() => expect(text).toContain("event: generations"));
    signedIn.user = null;
    await read;
    expect(text).toMatch(/event: ended\n/);
    expect(processEventHub().streamCount).toBe(0);
  }, 20_000);
});

describe.each(databaseCases())("the worker on $name", ({ open }) => {
  const statusCalls = statusCallCounter();
  const backend = setUpSimulatedBackend(
    { open },
    {
      mediaDirPrefix: "seedream-worker-",
      upstream: (simulator) => simulatorUpstream(simulator, { fetch: statusCalls.fetch }),
    },
  );

  it("finishes and stores a task nobody watches, checking at the polling pace", async () => {
    backend.simulator.setBehaviour({ durationMs: 2500, callbacks: false });
    const deps = backend.deps("worker-test");
    const generation = await makeGeneration(backend.db, (await makeUser(backend.db)).id);
    await submitGeneration(deps, generation.id);
    statusCalls.reset();
    // Two workers, as two instances run them: the claims let one through per check.
    const workers = [startGenerationWorker(async () => deps), startGenerationWorker(async () => deps)];
    try {
      await vi.waitFor(
        async () => expect((await getGenerationById(backend.db, generation.id))?.status).toBe("succeeded"),
        { timeout: 15_000, interval: 100 },
      );
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
    // About one check a second over a 2.5 s task, not two per second for two workers.
    expect(statusCalls.count).toBeGreaterThanOrEqual(2);
    expect(statusCalls.count).toBeLessThanOrEqual(5);
    const [task] = (await await fetch(`${backend.simulator.url}/__sim/tasks`, {
      headers: { authorization: `Bearer ${backend.simulator.controlSecret}` },
    }).then((r) => r.json())) as { fileCalls: number }[];
    expect(task?.fileCalls).toBe(1);
  });
});
