import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getGenerationById } from "@/db/queries/generations";
import { type Generation, generations as generationsTable, ledgerEntries } from "@/db/schema";
import { recordGeneration } from "@/lib/generations/record";
import { refreshGeneration } from "@/lib/generations/refresh";
import { submitGeneration } from "@/lib/generations/submit";
import { createLocalDiskStorage } from "@/lib/media/local-disk-storage";
import { allowedHostOf } from "@/lib/net/allowed-hosts";
import { createArkAdapter } from "@/lib/providers/ark";
import { withRequestChecks } from "@/lib/providers/checked-adapter";
import { createFalAdapter } from "@/lib/providers/fal";
import type { ProviderId } from "@/lib/providers/types";
import { type Simulator, startSimulator } from "@/lib/simulator/server";
import { databaseCases } from "../support/databases";
import { makeUser } from "../support/fixtures";
import { type TestUpstream, testUpstream } from "../support/upstream";

// On a host where one submission makes the batch (ModelArk, fal), each row takes the image at its
// own place in the submission, fixed when it was claimed: a variation deleted before the send is
// not asked for and costs no image, and one deleted after it does not shift the others.

process.env.SIMULATED_PROVIDERS = "api-in-one,kie,ark,fal";

interface SimTask {
  id: string;
  host: string;
  prompt: string;
  count: number;
  images: number;
}

describe.each(databaseCases())("batch edges on $name", ({ open }) => {
  let handle: DatabaseHandle;
  let simulator: Simulator;
  let upstream: TestUpstream;
  let root: string;

  beforeAll(async () => {
    handle = await open();
    simulator = await startSimulator();
    root = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-batch-edges-"));
    const quick = { apiKey: "k", sleep: async () => {} };
    upstream = testUpstream(
      [
        createArkAdapter({ baseUrl: `${simulator.url}/api/v3`, model: "seedream-4-5-251128", ...quick }),
        createFalAdapter({ queueUrl: simulator.url, ...quick }),
      ].map(withRequestChecks),
      { allowHosts: [allowedHostOf(simulator.url)] },
    );
  });
  afterAll(async () => {
    await simulator.close();
    await handle.close();
    fs.rmSync(root, { recursive: true, force: true });
  });
  beforeEach(() => simulator.resetBehaviour());

  const deps = () => ({
    db: handle.db,
    storage: createLocalDiskStorage({
      root,
      publicBaseUrl: "http://localhost/media/signed",
      signingSecret: "s",
    }),
    upstream,
    instanceId: "batch-edges-test",
  });
  const reload = async (id: string) => {
    const row = await getGenerationById(handle.db, id);
    if (!row) throw new Error("row vanished");
    return row;
  };

  async function finish(ids: string[]) {
    for (let i = 0; i < 300; i++) {
      const rows = await Promise.all(ids.map(reload));
      if (rows.every((row) => !["pending", "running"].includes(row.status))) return rows;
      await Promise.all(rows.map((row) => refreshGeneration(deps(), row)));
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("never finished");
  }

  async function click(provider: ProviderId, count: number, prompt: string) {
    const user = await makeUser(handle.db);
    const { generations } = await recordGeneration(handle.db, user.id, {
      prompt,
      aspectRatio: "1:1",
      quality: "basic",
      idempotencyKey: randomUUID(),
      referenceIds: [],
      count,
      provider,
    });
    return { user, generations };
  }

  const remove = (row: Generation) =>
    handle.db.delete(generationsTable).where(eq(generationsTable.id, row.id));

  async function hostTask(prompt: string): Promise<SimTask | undefined> {
    const response = await fetch(`${simulator.url}/__sim/host-tasks`, {
      headers: { authorization: `Bearer ${simulator.controlSecret}` },
    });
    return ((await response.json()) as SimTask[]).find((task) => task.prompt === prompt);
  }

  /** Which image of the host's answer a row saved: the simulator names its files `<task>-<n>`. */
  const imageNumber = (row: Generation) => Number(row.resultUrl?.match(/-(\d+)\.\w+$/)?.[1] ?? Number.NaN);

  async function ledgerKinds(userId: string, generationId: string) {
    const entries = await handle.db
      .select({ kind: ledgerEntries.kind })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.userId, userId), eq(ledgerEntries.generationId, generationId)));
    return entries.map((entry) => entry.kind).sort();
  }

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
