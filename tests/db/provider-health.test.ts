import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getGenerationById } from "@/db/queries/generations";
import {
  listProviderHealth,
  recordProviderFailure,
  recordProviderSuccess,
} from "@/db/queries/provider-health";
import { generations, providerHealth } from "@/db/schema";
import { CURRENT_PROVIDER } from "@/lib/billing/prices";
import { refreshGeneration } from "@/lib/generations/refresh";
import { submitGeneration } from "@/lib/generations/submit";
import { createLocalDiskStorage } from "@/lib/media/local-disk-storage";
import { allowedHostOf } from "@/lib/net/allowed-hosts";
import { SeedreamError } from "@/lib/seedream/errors";
import { type Simulator, startSimulator } from "@/lib/simulator/server";
import { databaseCases } from "../support/databases";
import { makeGeneration, makeUser } from "../support/fixtures";
import { apiInOneUpstream, type TestUpstream } from "../support/upstream";

describe.each(databaseCases())("provider health on $name", ({ open }) => {
  let handle: DatabaseHandle;
  let simulator: Simulator;
  let root: string;
  let upstream: TestUpstream;

  beforeAll(async () => {
    handle = await open();
    simulator = await startSimulator();
    root = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-provider-health-"));
    upstream = apiInOneUpstream(
      { baseUrl: simulator.apiUrl, apiKey: "k", sleep: async () => {} },
      { allowHosts: [allowedHostOf(simulator.url)] },
    );
  });
  afterAll(async () => {
    await simulator.close();
    await handle.close();
    fs.rmSync(root, { recursive: true, force: true });
  });
  beforeEach(async () => {
    simulator.resetBehaviour();
    await handle.db.delete(providerHealth);
  });

  const healthOf = async (provider: string) =>
    (await listProviderHealth(handle.db)).find((row) => row.provider === provider);

  it("counts failures in a row from when the streak began, and a success ends the streak", async () => {
    await recordProviderFailure(handle.db, "kie", { code: "upstream_unavailable", message: "first" });
    const first = await healthOf("kie");
    expect(first).toMatchObject({ consecutiveFailures: 1, lastErrorCode: "upstream_unavailable" });
    expect(first?.failingSince).toEqual(first?.lastFailureAt);
    expect(first?.lastSuccessAt).toBeNull();

    await recordProviderFailure(handle.db, "kie", { code: "rate_limited", message: "second" });
    const second = await healthOf("kie");
    expect(second).toMatchObject({
      consecutiveFailures: 2,
      lastErrorCode: "rate_limited",
      lastErrorMessage: "second",
      failingSince: first?.failingSince,
    });

    await recordProviderSuccess(handle.db, "kie");
    const healed = await healthOf("kie");
    expect(healed).toMatchObject({
      consecutiveFailures: 0,
      failingSince: null,
      lastErrorCode: "rate_limited",
    });
    expect(healed?.lastSuccessAt).toBeInstanceOf(Date);

    await recordProviderFailure(handle.db, "kie", { code: "key_rejected", message: "third" });
    expect(await healthOf("kie")).toMatchObject({ consecutiveFailures: 1 });
    expect(await healthOf("fal")).toBeUndefined();
  });

  it("counts every one of many concurrent failures, the first of them creating the row", async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        recordProviderFailure(handle.db, "ark", { code: "upstream_unavailable", message: `failure ${i}` }),
      ),
    );
    expect(await healthOf("ark")).toMatchObject({ consecutiveFailures: 25 });
  });

  const deps = () => ({
    db: handle.db,
    instanceId: "provider-health-test",
    upstream,
    storage: createLocalDiskStorage({ root, publicBaseUrl: "http://localhost/m", signingSecret: "s" }),
  });

  async function submitOne(prompt = "a fox") {
    const user = await makeUser(handle.db);
    const generation = await makeGeneration(handle.db, user.id, { prompt });
    await submitGeneration(deps(), generation.id);
    return generation.id;
  }

  async function checkStatus(id: string) {
    // As if any back-off had run out: the check is due now.
    await handle.db.update(generations).set({ nextCheckAt: null }).where(eq(generations.id, id));
    const generation = await getGenerationById(handle.db, id);
    if (!generation) throw new Error("generation vanished");
    await refreshGeneration(deps(), generation, { staleAfter: 0 });
  }

  it("hears from the lifecycle: refused or unknown creates and unanswered checks fail, answers heal", async () => {
    simulator.setBehaviour({ create: "server_error" });
    await submitOne();
    simulator.setBehaviour({ create: "key_rejected" });
    await submitOne();
    expect(await healthOf(CURRENT_PROVIDER)).toMatchObject({
      consecutiveFailures: 2,
      lastErrorCode: "key_rejected",
      // Our words for the code, never the host's.
      lastErrorMessage: new SeedreamError("key_rejected").message,
    });

    // A prompt or setting refused as invalid is about that request, not the host.
    simulator.setBehaviour({ create: "bad_request" });
    await submitOne();
    expect(await healthOf(CURRENT_PROVIDER)).toMatchObject({ consecutiveFailures: 2 });

    simulator.resetBehaviour();
    const running = await submitOne();
    expect(await healthOf(CURRENT_PROVIDER)).toMatchObject({ consecutiveFailures: 0, failingSince: null });

    simulator.setBehaviour({ status: "server_error" });
    await checkStatus(running);
    expect(await healthOf(CURRENT_PROVIDER)).toMatchObject({
      consecutiveFailures: 1,
      lastErrorCode: "upstream_unavailable",
    });
    simulator.resetBehaviour();
    await checkStatus(running);
    expect(await healthOf(CURRENT_PROVIDER)).toMatchObject({ consecutiveFailures: 0 });
  });

  it("counts a task the host failed for its content as the host answering", async () => {
    await recordProviderFailure(handle.db, CURRENT_PROVIDER, { code: "rate_limited", message: "m" });
    const id = await submitOne("a fox [sim:fail,durationMs=0]");
    await recordProviderFailure(handle.db, CURRENT_PROVIDER, { code: "rate_limited", message: "m" });
    await checkStatus(id);
    expect((await getGenerationById(handle.db, id))?.status).toBe("failed");
    expect(await healthOf(CURRENT_PROVIDER)).toMatchObject({ consecutiveFailures: 0 });
  });
});
