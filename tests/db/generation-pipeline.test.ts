import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import { claimSubmission } from "@/db/queries/generation-lifecycle";
import { generations, media } from "@/db/schema";
import { MAX_INGEST_ATTEMPTS } from "@/lib/generations/backoff";
import { refreshGeneration } from "@/lib/generations/refresh";
import { submitGeneration } from "@/lib/generations/submit";
import { sweepGenerations } from "@/lib/generations/sweeper";
import { toGenerationView } from "@/lib/generations/to-view";
import { loadSizedVariant } from "@/lib/media/display-variant";
import { displayKeyOf, mediumKeyOf } from "@/lib/media/stored-files";
import { createApiInOneAdapter } from "@/lib/providers/api-in-one";
import { SeedreamError } from "@/lib/seedream/errors";

import { databaseCases } from "../support/databases";
import { makeGeneration, makeUser, storedGeneration } from "../support/fixtures";
import { setUpSimulatedBackend, simulatorUpstream, statusCallCounter } from "../support/simulated-backend";
import { hostOf, withHost } from "../support/upstream";

const INSTANCE = "7d0f4a52-93c1-4c36-9a57-0c8f7f1c2b11";

describe.each(databaseCases())("generation pipeline on $name", ({ open }) => {
  const statusCalls = statusCallCounter();
  const backend = setUpSimulatedBackend(
    { open },
    {
      mediaDirPrefix: "seedream-media-",
      upstream: (simulator) => simulatorUpstream(simulator, { fetch: statusCalls.fetch }),
    },
  );
  beforeEach(() => statusCalls.reset());

  const deps = () => backend.deps(INSTANCE);
  const reload = (id: string) => storedGeneration(backend.db, id);

  async function submitted(prompt = "a red fox") {
    const user = await makeUser(backend.db);
    const generation = await makeGeneration(backend.db, user.id, { prompt });
    await submitGeneration(deps(), generation.id);
    return reload(generation.id);
  }

  async function untilFinal(id: string, callers = 1) {
    for (let i = 0; i < 300; i++) {
      const current = await reload(id);
      if (!["pending", "running"].includes(current.status)) return current;
      await Promise.all(Array.from({ length: callers }, () => refreshGeneration(deps(), current)));
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("never finished");
  }

  it("submits once, then stores the result exactly once with thumbnail and placeholder", async () => {
    backend.simulator.setBehaviour({ durationMs: 200 });
    const generation = await submitted();
    expect(generation.status).toBe("running");
    expect(generation.upstreamTaskId).toMatch(/^sim_/);
    // A second submit (a retried `after`, another instance) sends nothing.
    await submitGeneration(deps(), generation.id);
    expect(await claimSubmission(backend.db, generation.id, INSTANCE)).toEqual([]);

    const done = await untilFinal(generation.id, 10);
    expect(done.status).toBe("succeeded");
    expect(done.media).toMatchObject({ width: 2048, height: 2048, contentType: "image/jpeg" });
    expect(done.media?.placeholder).toMatch(/^data:image\/webp;base64,/);
    const rows = await backend.db.select().from(media).where(eq(media.userId, done.userId));
    expect(rows).toHaveLength(1);
    for (const key of [done.media?.storageKey, done.media?.thumbnailKey]) {
      expect((await backend.storage.get(key ?? ""))?.size).toBeGreaterThan(0);
    }
  });

  it("stores display (≤ 2048 px) and medium (≤ 1280 px) WebP copies beside a 4K original, and a view that names them", async () => {
    backend.simulator.setBehaviour({ durationMs: 50 });
    const user = await makeUser(backend.db);
    const generation = await makeGeneration(backend.db, user.id, { prompt: "a 4K fox", quality: "high" });
    await submitGeneration(deps(), generation.id);
    const done = await untilFinal(generation.id);
    expect(done.status).toBe("succeeded");
    expect(done.media).toMatchObject({ width: 4096, height: 4096 });
    const storageKey = done.media?.storageKey ?? "";
    const display = await backend.storage.get(displayKeyOf(storageKey));
    if (!display) throw new Error("no display copy was stored");
    const displayMeta = await sharp(await buffer(display.body)).metadata();
    expect(displayMeta).toMatchObject({ format: "webp", width: 2048, height: 2048 });
    const medium = await backend.storage.get(mediumKeyOf(storageKey));
    if (!medium) throw new Error("no medium copy was stored");
    expect(await sharp(await buffer(medium.body)).metadata()).toMatchObject({
      format: "webp",
      width: 1280,
      height: 1280,
    });
    // The original is kept as it came, for downloads.
    const original = await backend.storage.get(storageKey);
    expect(await sharp(await buffer(original?.body ?? Readable.from([]))).metadata()).toMatchObject({
      width: 4096,
      height: 4096,
    });
    const image = toGenerationView(done).image;
    expect(image?.displaySrc).toBe(`/media/${done.media?.id}/display`);
    expect(image?.mediumSrc).toBe(`/media/${done.media?.id}/medium`);
    expect(image?.src).toBe(`/media/${done.media?.id}/original`);
  });

  it("makes the sized copies on first request for an image stored before they existed, once", async () => {
    const key = "users/u-old/results/g-old/original.png";
    await backend.storage.put(
      key,
      await sharp({ create: { width: 3000, height: 1500, channels: 3, background: "#0a0" } })
        .png()
        .toBuffer(),
      "image/png",
    );
    const [first, second] = await Promise.all([
      loadSizedVariant(backend.storage, key, "display"),
      loadSizedVariant(backend.storage, key, "display"),
    ]);
    expect(first && second).toBeTruthy();
    const made = await backend.storage.get(displayKeyOf(key));
    expect(await sharp(await buffer(made?.body ?? Readable.from([]))).metadata()).toMatchObject({
      format: "webp",
      width: 2048,
      height: 1024,
    });
    expect(await loadSizedVariant(backend.storage, key, "medium")).toBeTruthy();
    const medium = await backend.storage.get(mediumKeyOf(key));
    expect(await sharp(await buffer(medium?.body ?? Readable.from([]))).metadata()).toMatchObject({
      format: "webp",
      width: 1280,
      height: 640,
    });
    expect(
      await loadSizedVariant(backend.storage, "users/u-old/results/missing/original.png", "display"),
    ).toBeNull();
  });

  it("asks the upstream about as often with 20 concurrent watchers as with one", async () => {
    backend.simulator.setBehaviour({ durationMs: 2500 });
    const one = await submitted("one watcher");
    statusCalls.reset();
    await untilFinal(one.id, 1);
    const single = statusCalls.count;

    const many = await submitted("twenty watchers");
    statusCalls.reset();
    await untilFinal(many.id, 20);
    expect(statusCalls.count).toBeLessThanOrEqual(single + 2);
  });

  it("records an upstream failure with a message a person understands", async () => {
    backend.simulator.setBehaviour({ durationMs: 10, outcome: "fail" });
    const done = await untilFinal((await submitted()).id);
    expect(done.status).toBe("failed");
    expect(done.errorMessage).toMatch(/could not make this image/);
  });

  it("fails a success without an image URL", async () => {
    backend.simulator.setBehaviour({ durationMs: 10, outcome: "no_url" });
    const done = await untilFinal((await submitted()).id);
    // Billed per successful request, image or not: the hold becomes a charge.
    expect(done).toMatchObject({ status: "failed", errorCode: "no_image", billingState: "charged" });
  });

  it("fails cleanly when the result URL has already expired, leaving no files", async () => {
    backend.simulator.setBehaviour({ durationMs: 10, urlTtlMs: 0 });
    const generation = await submitted();
    await new Promise((r) => setTimeout(r, 400));
    const done = await untilFinal(generation.id);
    expect(done).toMatchObject({ status: "failed", errorCode: "ingest_failed" });
    expect(fs.existsSync(path.join(backend.root, "users", done.userId))).toBe(false);
  });

  it.each([
    ["server_error", "unknown", "outcome_unknown"],
    ["hang", "unknown", "outcome_unknown"],
    ["bad_request", "failed", "bad_request"],
    ["out_of_credits", "failed", "out_of_credits"],
  ] as const)(
    "a create answered with %s leaves the generation %s (%s), never resent",
    async (mode, status, code) => {
      const quick = createApiInOneAdapter({
        baseUrl: backend.simulator.apiUrl,
        apiKey: "k",
        createTimeoutMs: 300,
      });
      await withHost(backend.upstream, quick, async () => {
        backend.simulator.setBehaviour({ create: mode });
        const generation = await submitted();
        expect(generation).toMatchObject({ status, errorCode: code, upstreamTaskId: null });
      });
    },
  );

  it("never downloads a result from a private address the upstream names, and says only that it failed", async () => {
    const internal = http.createServer((_req, res) => res.end("internal"));
    await new Promise<void>((resolve) => internal.listen(0, "127.0.0.1", resolve));
    const internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}/admin.png`;
    const honest = hostOf(backend.upstream);
    backend.upstream.adapters.set(honest.id, {
      ...honest,
      poll: async (taskId) => {
        const result = await honest.poll(taskId);
        return { ...result, outputs: result.outputs.map((o) => ({ ...o, url: internalUrl })) };
      },
    });
    let internalRequests = 0;
    internal.on("request", () => internalRequests++);
    try {
      backend.simulator.setBehaviour({ durationMs: 10 });
      const done = await untilFinal((await submitted()).id);
      expect(done).toMatchObject({ status: "failed", errorCode: "ingest_failed", resultMediaId: null });
      expect(done.errorMessage).toContain("could not be downloaded");
      expect(done.errorMessage).not.toMatch(/127\.0\.0\.1|refused|port|address/i);
      expect(internalRequests).toBe(0);
      expect(fs.existsSync(path.join(backend.root, "users", done.userId))).toBe(false);
    } finally {
      backend.upstream.adapters.set(honest.id, honest);
      await new Promise((resolve) => internal.close(resolve));
    }
  });

  it("keeps polling through passing status errors and a task that is briefly unknown", async () => {
    backend.simulator.setBehaviour({ durationMs: 10, status: "server_error" });
    const generation = await submitted();
    await refreshGeneration(deps(), generation);
    expect((await reload(generation.id)).status).toBe("running");
    backend.simulator.setBehaviour({ status: "ok" });
    const done = await untilFinal(generation.id);
    expect(done.status).toBe("succeeded");
  });

  /** Everyone who might ask (tabs, sweeps, instances) asking all the time for `ms`. */
  async function hammer(id: string, ms: number) {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const current = await reload(id);
      await Promise.all(Array.from({ length: 5 }, () => refreshGeneration(deps(), current)));
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const simTask = async (taskId: string) => {
    const response = await fetch(`${backend.simulator.url}/__sim/tasks/${taskId}`, {
      headers: { authorization: `Bearer ${backend.simulator.controlSecret}` },
    });
    return (await response.json()) as { statusCalls: number; fileCalls: number };
  };

  /** As if the back-off (and the normal pause between checks) had run out. */
  const makeDue = (id: string) =>
    backend.db
      .update(generations)
      .set({ nextCheckAt: sql`now() - interval '1 second'`, lastCheckedAt: sql`now() - interval '1 minute'` })
      .where(eq(generations.id, id));

  it.each(["rate_limited", "server_error", "garbage"] as const)(
    "backs off a status endpoint answering %s, in the database, and says so on the card",
    async (mode) => {
      backend.simulator.setBehaviour({ durationMs: 10, status: mode });
      const generation = await submitted();
      statusCalls.reset();
      await hammer(generation.id, 3500);
      // Checks at 0 s and 2 s (each may try a quick blip once more) where there used to be dozens.
      expect(statusCalls.count).toBeGreaterThanOrEqual(2);
      expect(statusCalls.count).toBeLessThanOrEqual(4);
      const row = await reload(generation.id);
      expect(row).toMatchObject({ status: "running", statusFailures: 2 });
      expect(row.nextCheckAt?.getTime()).toBeGreaterThan(Date.now());
      expect(toGenerationView(row).retrying).toEqual({
        reason: "status",
        since: row.statusFailingSince?.toISOString(),
      });

      backend.simulator.setBehaviour({ status: "ok" });
      await makeDue(generation.id);
      const done = await untilFinal(generation.id);
      expect(done).toMatchObject({ status: "succeeded", statusFailures: 0, statusFailingSince: null });
      expect(toGenerationView(done).retrying).toBeNull();
    },
  );

  it("waits as long as a 429's Retry-After asks", async () => {
    const limited = {
      ...hostOf(backend.upstream),
      poll: async () => {
        throw new SeedreamError("rate_limited", { httpStatus: 429, retryAfterMs: 90_000 });
      },
    };
    const generation = await submitted();
    await withHost(backend.upstream, limited, async () => {
      await refreshGeneration(deps(), generation);
      const row = await reload(generation.id);
      expect(row.nextCheckAt?.getTime()).toBeGreaterThan(Date.now() + 85_000);
      expect(row.status).toBe("running");
    });
  });

  it("retries a failing download over minutes, not seconds, without asking the upstream again", async () => {
    backend.simulator.setBehaviour({ durationMs: 10, files: "server_error" });
    const generation = await submitted();
    const taskId = generation.upstreamTaskId ?? "";
    for (let i = 0; i < 100 && (await reload(generation.id)).ingestAttempts === 0; i++) {
      await refreshGeneration(deps(), await reload(generation.id));
      await new Promise((r) => setTimeout(r, 50));
    }
    const failedOnce = await reload(generation.id);
    expect(failedOnce).toMatchObject({ status: "running", ingestAttempts: 1 });
    expect(failedOnce.nextCheckAt?.getTime()).toBeGreaterThan(Date.now() + 5000);
    expect(toGenerationView(failedOnce).retrying).toEqual({ reason: "download", since: null });
    const before = await simTask(taskId);

    await hammer(generation.id, 1500);
    expect(await simTask(taskId)).toEqual(before);
    expect((await reload(generation.id)).ingestAttempts).toBe(1);

    // Past the upstream's 15-minute deadline: the image exists, so it is not timed out.
    await backend.db
      .update(generations)
      .set({ createdAt: sql`now() - interval '20 minutes'` })
      .where(eq(generations.id, generation.id));
    await sweepGenerations(deps());
    await makeDue(generation.id);
    await refreshGeneration(deps(), await reload(generation.id));
    expect(await reload(generation.id)).toMatchObject({ status: "running", ingestAttempts: 2 });

    backend.simulator.setBehaviour({ files: "ok" });
    await makeDue(generation.id);
    await refreshGeneration(deps(), await reload(generation.id));
    expect((await reload(generation.id)).status).toBe("succeeded");
    expect((await simTask(taskId)).statusCalls).toBe(before.statusCalls);
  });

  it("gives a paid image up only after every download try failed", async () => {
    backend.simulator.setBehaviour({ durationMs: 10, files: "server_error" });
    const generation = await submitted();
    // Each round is one try, as if its back-off had run out (the first rounds may find the task still rendering).
    for (let i = 0; i < 200 && (await reload(generation.id)).status === "running"; i++) {
      await makeDue(generation.id);
      await refreshGeneration(deps(), await reload(generation.id));
      await new Promise((r) => setTimeout(r, 20));
    }
    const done = await reload(generation.id);
    expect(done).toMatchObject({
      status: "failed",
      errorCode: "ingest_failed",
      ingestAttempts: MAX_INGEST_ATTEMPTS,
    });
    expect(done.errorMessage).toContain("could not be downloaded");
    expect((await simTask(done.upstreamTaskId ?? "")).fileCalls).toBe(MAX_INGEST_ATTEMPTS);
  });

  it("times out a task still running past 15 minutes", async () => {
    backend.simulator.setBehaviour({ outcome: "forever" });
    const generation = await submitted();
    await backend.db
      .update(generations)
      .set({ createdAt: sql`now() - interval '16 minutes'` })
      .where(eq(generations.id, generation.id));
    await refreshGeneration(deps(), await reload(generation.id));
    expect((await reload(generation.id)).status).toBe("timed_out");
  });
});
