import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { claimSubmission, markFinished } from "@/db/queries/generation-lifecycle";
import { type Generation, generations as generationsTable, ledgerEntries } from "@/db/schema";
import { recordGeneration } from "@/lib/generations/record";
import { refreshGeneration } from "@/lib/generations/refresh";
import { submitGeneration } from "@/lib/generations/submit";
import { allowedHostOf } from "@/lib/net/allowed-hosts";
import { createApiInOneAdapter } from "@/lib/providers/api-in-one";
import { createArkAdapter } from "@/lib/providers/ark";
import { withRequestChecks } from "@/lib/providers/checked-adapter";
import { createFalAdapter } from "@/lib/providers/fal";
import { createKieAdapter } from "@/lib/providers/kie";
import type { CanonicalRequest, ProviderId } from "@/lib/providers/types";
import { SeedreamError } from "@/lib/seedream/errors";
import { databaseCases } from "../support/databases";
import { makeUser, storedGeneration } from "../support/fixtures";
import { setUpSimulatedBackend } from "../support/simulated-backend";
import { hostOf, testUpstream, withHost } from "../support/upstream";

// Every host this studio can offer, as the composer would send to it.
process.env.SIMULATED_PROVIDERS = "api-in-one,kie,ark,fal";

interface SimTask {
  id: string;
  host: string;
  prompt: string;
  count: number;
  images: number;
}

describe.each(databaseCases())("batches on every host on $name", ({ open }) => {
  const backend = setUpSimulatedBackend(
    { open },
    {
      mediaDirPrefix: "seedream-batches-",
      upstream: (simulator) => {
        const quick = { apiKey: "k", sleep: async () => {} };
        return testUpstream(
          [
            createApiInOneAdapter({ baseUrl: simulator.apiUrl, ...quick }),
            createKieAdapter({ baseUrl: simulator.url, ...quick }),
            createArkAdapter({ baseUrl: `${simulator.url}/api/v3`, model: "seedream-4-5-251128", ...quick }),
            createFalAdapter({ queueUrl: simulator.url, ...quick }),
          ].map(withRequestChecks),
          { allowHosts: [allowedHostOf(simulator.url)] },
        );
      },
    },
  );
  const deps = () => backend.deps("batches-test");
  const reload = (id: string) => storedGeneration(backend.db, id);

  async function finish(ids: string[]) {
    for (let i = 0; i < 300; i++) {
      const rows = await Promise.all(ids.map(reload));
      if (rows.every((row) => !["pending", "running"].includes(row.status))) return rows;
      await Promise.all(rows.map((row) => refreshGeneration(deps(), row)));
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("never finished");
  }

  async function click(provider: ProviderId, count: number, prompt: string, key = randomUUID()) {
    const user = await makeUser(backend.db);
    const input = { prompt, aspectRatio: "1:1" as const, quality: "basic" as const, idempotencyKey: key };
    const { generations } = await recordGeneration(backend.db, user.id, {
      ...input,
      referenceIds: [],
      count,
      provider,
    });
    return {
      user,
      generations,
      again: () => recordGeneration(backend.db, user.id, { ...input, referenceIds: [], count, provider }),
    };
  }

  async function sendAll(ids: string[]) {
    // What after() and the worker do: each row without a lead is sent once.
    for (const id of ids) await submitGeneration(deps(), id);
  }

  it.each(["api-in-one", "kie", "ark", "fal"] as const)(
    "makes 4 variations on %s, one row, image and charge each, under one key",
    async (provider) => {
      const { generations, again } = await click(provider, 4, `four foxes on ${provider}`);
      expect(generations.map((g) => g.batchIndex)).toEqual([0, 1, 2, 3]);
      expect(new Set(generations.map((g) => g.batchId)).size).toBe(1);
      expect(generations.every((g) => g.provider === provider)).toBe(true);
      // A double click records nothing more.
      expect((await again()).generations.map((g) => g.id)).toEqual(generations.map((g) => g.id));

      const ids = generations.map((g) => g.id);
      await sendAll(ids);
      const done = await finish(ids);
      expect(done.map((row) => row.status)).toEqual(["succeeded", "succeeded", "succeeded", "succeeded"]);
      expect(done.map((row) => row.billingState)).toEqual(["charged", "charged", "charged", "charged"]);
      expect(new Set(done.map((row) => row.media?.id)).size).toBe(4);
    },
  );

  it.each(["ark", "fal"] as const)(
    "on %s, one submission makes the batch, and a withheld variation is failed and not charged",
    async (provider) => {
      const { generations } = await click(provider, 4, `foxes on ${provider} [sim:filterItem=3]`);
      const [lead, ...followers] = generations;
      if (!lead) throw new Error("no lead");
      expect(followers.every((row) => row.leadId === lead.id)).toBe(true);
      const ids = generations.map((g) => g.id);
      await sendAll(ids);
      const done = await finish(ids);
      // ModelArk answers the refused item in its place (the third); fal packs what it sends and
      // does not say which it left out, so its last row is the one without an image.
      const withheldAt = provider === "ark" ? 2 : 3;
      const made = done.filter((_, index) => index !== withheldAt);
      // One submission: every image it made runs under its one id.
      expect(new Set(made.map((row) => row.upstreamTaskId)).size).toBe(1);
      expect(made.map((row) => row.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
      const withheld = done[withheldAt];
      expect(withheld?.status).toBe("failed");
      expect(withheld).toMatchObject({
        errorCode: "not_made",
        billingState: "released",
        resultMediaId: null,
      });
      expect(withheld?.errorMessage).toMatch(/^This variation was not made: .*not charged\.$/);
      // ModelArk says why per item; fal only sends fewer images.
      if (provider === "ark") expect(withheld?.errorMessage).toContain("Simulated content filter");
      expect(done.filter((row) => row.billingState === "charged")).toHaveLength(3);
    },
  );

  /** A sweep that gives up on a send while the host is still working on it (a slow, long send). */
  async function givenUpMidSend(ids: string[]) {
    for (const id of ids) {
      await markFinished(backend.db, {
        id,
        from: ["pending"],
        status: "unknown",
        errorCode: "outcome_unknown",
        errorMessage: "gave up",
      });
    }
  }

  it("saves ModelArk's late answer for rows a sweep had meanwhile called unknown", async () => {
    const { generations } = await click("ark", 2, "a slow pair of foxes");
    const ids = generations.map((g) => g.id);
    const ark = hostOf(backend.upstream, "ark");
    const slow = {
      ...ark,
      submit: async (request: CanonicalRequest) => {
        const answer = await ark.submit(request);
        await givenUpMidSend(ids);
        return answer;
      },
    };
    await withHost(backend.upstream, slow, () => sendAll(ids));
    const done = await finish(ids);
    expect(done.map((row) => [row.status, row.billingState, row.errorCode])).toEqual([
      ["succeeded", "charged", null],
      ["succeeded", "charged", null],
    ]);
  });

  it("fails and releases rows a sweep had called unknown when the host then refuses the create", async () => {
    const { generations } = await click("fal", 2, "a refused pair");
    const ids = generations.map((g) => g.id);
    const refusing = {
      ...hostOf(backend.upstream, "fal"),
      submit: async () => {
        await givenUpMidSend(ids);
        throw new SeedreamError("bad_request", { httpStatus: 422 });
      },
    };
    await withHost(backend.upstream, refusing, () => sendAll(ids));
    const rows = await Promise.all(ids.map(reload));
    expect(rows.map((row) => [row.status, row.billingState])).toEqual([
      ["failed", "released"],
      ["failed", "released"],
    ]);
  });

  it("claims a batch's followers only with their lead, never without it", async () => {
    const { generations } = await click("fal", 3, "a lead that was deleted");
    const [lead] = generations;
    if (!lead) throw new Error("no lead");
    await backend.db.delete(generationsTable).where(eq(generationsTable.id, lead.id));
    expect(await claimSubmission(backend.db, lead.id, "someone")).toEqual([]);
    const followers = await Promise.all(generations.slice(1).map((g) => reload(g.id)));
    expect(followers.map((row) => [row.submitStartedAt, row.claimedBy])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it("refuses a whole batch over the user's daily images before anything is held", async () => {
    const user = await makeUser(backend.db);
    const refused = await recordGeneration(
      backend.db,
      user.id,
      {
        prompt: "too many",
        aspectRatio: "1:1",
        quality: "basic",
        idempotencyKey: randomUUID(),
        referenceIds: [],
        count: 4,
        provider: "fal",
      },
      {
        settings: {
          USER_DAILY_IMAGES: 3,
          USER_MONTHLY_CREDITS: undefined,
          MONTHLY_CREDITS: undefined,
          BUDGET_TIME_ZONE: "UTC",
        },
      },
    ).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "limit_reached" });
    const rows = await backend.db.query.generations.findMany({ where: (g, { eq }) => eq(g.userId, user.id) });
    expect(rows).toHaveLength(0);
  });

  it("refuses a host this studio does not offer, and an 11th reference for fal, before recording", async () => {
    const user = await makeUser(backend.db);
    const base = { prompt: "x", aspectRatio: "1:1" as const, quality: "basic" as const, referenceIds: [] };
    const tooMany = Array.from({ length: 11 }, () => randomUUID());
    const refused = await recordGeneration(backend.db, user.id, {
      ...base,
      idempotencyKey: randomUUID(),
      referenceIds: tooMany,
      provider: "fal",
    }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "invalid_input" });
    expect((refused as Error).message).toContain("at most 10 reference images");
  });

  const remove = (row: Generation) =>
    backend.db.delete(generationsTable).where(eq(generationsTable.id, row.id));

  async function hostTask(prompt: string): Promise<SimTask | undefined> {
    const response = await fetch(`${backend.simulator.url}/__sim/host-tasks`, {
      headers: { authorization: `Bearer ${backend.simulator.controlSecret}` },
    });
    return ((await response.json()) as SimTask[]).find((task) => task.prompt === prompt);
  }

  /** Which image of the host's answer a row saved: the simulator names its files `<task>-<n>`. */
  const imageNumber = (row: Generation) => Number(row.resultUrl?.match(/-(\d+)\.\w+$/)?.[1] ?? Number.NaN);

  async function ledgerKinds(userId: string, generationId: string) {
    const entries = await backend.db
      .select({ kind: ledgerEntries.kind })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.userId, userId), eq(ledgerEntries.generationId, generationId)));
    return entries.map((entry) => entry.kind).sort();
  }

  // On a host where one submission makes the batch, each row takes the image at its own place in
  // the submission, fixed when it was claimed: a variation deleted before the send is not asked
  // for and costs no image, and one deleted after it does not shift the others.
  it.each(["ark", "fal"] as const)(
    "on %s, a follower deleted before the send: three images asked, each landing on its row, three charged",
    async (provider) => {
      const prompt = `four herons on ${provider} [sim:durationMs=50]`;
      const { user, generations } = await click(provider, 4, prompt);
      const [lead, first, deleted, last] = generations;
      if (!lead || !first || !deleted || !last) throw new Error("expected four rows");
      await remove(deleted);

      await submitGeneration(deps(), lead.id);
      const kept = [lead, first, last];
      const done = await finish(kept.map((row) => row.id));

      // Only the three variations left were asked for, and all three were made.
      expect(await hostTask(prompt)).toMatchObject({ host: provider, count: 3, images: 3 });
      expect(done.map((row) => [row.status, row.billingState, row.errorCode])).toEqual([
        ["succeeded", "charged", null],
        ["succeeded", "charged", null],
        ["succeeded", "charged", null],
      ]);
      // The last row takes the third image of the answer, not a fourth that was never asked for.
      expect(done.map(imageNumber)).toEqual([1, 2, 3]);
      expect(done.map((row) => row.submissionIndex)).toEqual([0, 1, 2]);
      expect(new Set(done.map((row) => row.media?.id)).size).toBe(3);
      for (const row of done) expect(await ledgerKinds(user.id, row.id)).toEqual(["charge", "hold"]);
    },
  );

  it("on fal, a follower deleted before the send and one image withheld: the made images land in order, only they are charged", async () => {
    const prompt = "four egrets on fal [sim:filterItem=2,durationMs=50]";
    const { user, generations } = await click("fal", 4, prompt);
    const [lead, deleted, third, fourth] = generations;
    if (!lead || !deleted || !third || !fourth) throw new Error("expected four rows");
    await remove(deleted);

    await submitGeneration(deps(), lead.id);
    const done = await finish([lead.id, third.id, fourth.id]);

    expect(await hostTask(prompt)).toMatchObject({ count: 3, images: 2 });
    const [made, alsoMade, notMade] = done;
    expect([made, alsoMade].map((row) => [row?.status, row?.billingState])).toEqual([
      ["succeeded", "charged"],
      ["succeeded", "charged"],
    ]);
    // fal packs what it sends and does not say which it left out: the last row is the one not made.
    expect(notMade).toMatchObject({ status: "failed", errorCode: "not_made", billingState: "released" });
    expect(notMade?.errorMessage).toBe(
      "This variation was not made: fal sent back 2 images, fewer than it was asked for, and said neither why (usually its content filter) nor which variation it left out. The others of its batch were; images not made are not charged.",
    );
    expect(await ledgerKinds(user.id, notMade?.id ?? "")).toEqual(["hold", "release"]);
    expect(new Set([made?.media?.id, alsoMade?.media?.id]).size).toBe(2);
  });

  it("on fal, a follower deleted after the send does not move the others onto its image", async () => {
    const prompt = "three cranes on fal [sim:durationMs=300]";
    const { user, generations } = await click("fal", 3, prompt);
    const [lead, middle, last] = generations;
    if (!lead || !middle || !last) throw new Error("expected three rows");

    await submitGeneration(deps(), lead.id);
    expect(await hostTask(prompt)).toMatchObject({ count: 3 });
    await remove(middle);
    const done = await finish([lead.id, last.id]);

    // The last row keeps its own image (the third), however many rows are left before it.
    expect(done.map(imageNumber)).toEqual([1, 3]);
    expect(done.map((row) => [row.status, row.billingState])).toEqual([
      ["succeeded", "charged"],
      ["succeeded", "charged"],
    ]);
    for (const row of done) expect(await ledgerKinds(user.id, row.id)).toEqual(["charge", "hold"]);
  });

  it("on ark, a refused variation is the one in the place the host refused, and the rest keep their order", async () => {
    const prompt = "four ibises on ark [sim:filterItem=2,durationMs=50]";
    const { user, generations } = await click("ark", 4, prompt);
    const [lead] = generations;
    if (!lead) throw new Error("no lead");

    await submitGeneration(deps(), lead.id);
    const done = await finish(generations.map((row) => row.id));

    const [first, refused, third, fourth] = done;
    expect(refused).toMatchObject({ status: "failed", errorCode: "not_made", billingState: "released" });
    expect(refused?.errorMessage).toContain("Simulated content filter");
    expect(await ledgerKinds(user.id, refused?.id ?? "")).toEqual(["hold", "release"]);
    // The host's second place was refused: the images in its third and fourth places (named by
    // place) are the third and fourth rows'.
    expect([first, third, fourth].map((row) => [row?.status, row?.billingState])).toEqual([
      ["succeeded", "charged"],
      ["succeeded", "charged"],
      ["succeeded", "charged"],
    ]);
    expect([first, third, fourth].map((row) => (row ? imageNumber(row) : 0))).toEqual([1, 3, 4]);
  });
});
