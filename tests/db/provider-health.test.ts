import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
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
import { SeedreamError } from "@/lib/seedream/errors";
import { databaseCases } from "../support/databases";
import { makeGeneration, makeUser } from "../support/fixtures";
import { setUpSimulatedBackend } from "../support/simulated-backend";

describe.each(databaseCases())("provider health on $name", ({ open }) => {
  const backend = setUpSimulatedBackend({ open }, { mediaDirPrefix: "seedream-provider-health-" });
  beforeEach(async () => {
    await backend.db.delete(providerHealth);
  });

  const healthOf = async (provider: string) =>
    (await listProviderHealth(backend.db)).find((row) => row.provider === provider);

  it("counts failures in a row from when the streak began, and a success ends the streak", async () => {
    await recordProviderFailure(backend.db, "kie", { code: "upstream_unavailable", message: "first" });
    const first = await healthOf("kie");
    expect(first).toMatchObject({ consecutiveFailures: 1, lastErrorCode: "upstream_unavailable" });
    expect(first?.failingSince).toEqual(first?.lastFailureAt);
    expect(first?.lastSuccessAt).toBeNull();

    await recordProviderFailure(backend.db, "kie", { code: "rate_limited", message: "second" });
    const second = await healthOf("kie");
    expect(second).toMatchObject({
      consecutiveFailures: 2,
      lastErrorCode: "rate_limited",
      lastErrorMessage: "second",
      failingSince: first?.failingSince,
    });

    await recordProviderSuccess(backend.db, "kie");
    const healed = await healthOf("kie");
    expect(healed).toMatchObject({
      consecutiveFailures: 0,
      failingSince: null,
      lastErrorCode: "rate_limited",
    });
    expect(healed?.lastSuccessAt).toBeInstanceOf(Date);

    await recordProviderFailure(backend.db, "kie", { code: "key_rejected", message: "third" });
    expect(await healthOf("kie")).toMatchObject({ consecutiveFailures: 1 });
    expect(await healthOf("fal")).toBeUndefined();
  });

  it("counts every one of many concurrent failures, the first of them creating the row", async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        recordProviderFailure(backend.db, "ark", { code: "upstream_unavailable", message: `failure ${i}` }),
      ),
    );
    expect(await healthOf("ark")).toMatchObject({ consecutiveFailures: 25 });
  });

  const deps = () => backend.deps("provider-health-test");

  async function submitOne(prompt = "a fox") {
    const user = await makeUser(backend.db);
    const generation = await makeGeneration(backend.db, user.id, { prompt });
    await submitGeneration(deps(), generation.id);
    return generation.id;
  }

  async function checkStatus(id: string) {
    // As if any back-off had run out: the check is due now.
    await backend.db.update(generations).set({ nextCheckAt: null }).where(eq(generations.id, id));
    const generation = await getGenerationById(backend.db, id);
    if (!generation) throw new Error("generation vanished");
    await refreshGeneration(deps(), generation, { staleAfter: 0 });
  }

  it("hears from the lifecycle: refused or unknown creates and unanswered checks fail, answers heal", async () => {
    backend.simulator.setBehaviour({ create: "server_error" });
    await submitOne();
    backend.simulator.setBehaviour({ create: "key_rejected" });
    await submitOne();
    expect(await healthOf(CURRENT_PROVIDER)).toMatchObject({
      consecutiveFailures: 2,
      lastErrorCode: "key_rejected",
      // Our words for the code, never the host's.
      lastErrorMessage: new SeedreamError("key_rejected").message,
    });

    // A prompt or setting refused as invalid is about that request, not the host.
    backend.simulator.setBehaviour({ create: "bad_request" });
    await submitOne();
    expect(await healthOf(CURRENT_PROVIDER)).toMatchObject({ consecutiveFailures: 2 });

    backend.simulator.resetBehaviour();
    const running = await submitOne();
    expect(await healthOf(CURRENT_PROVIDER)).toMatchObject({ consecutiveFailures: 0, failingSince: null });

    backend.simulator.setBehaviour({ status: "server_error" });
    await checkStatus(running);
    expect(await healthOf(CURRENT_PROVIDER)).toMatchObject({
      consecutiveFailures: 1,
      lastErrorCode: "upstream_unavailable",
    });
    backend.simulator.resetBehaviour();
    await checkStatus(running);
    expect(await healthOf(CURRENT_PROVIDER)).toMatchObject({ consecutiveFailures: 0 });
  });

  it("counts a task the host failed for its content as the host answering", async () => {
    await recordProviderFailure(backend.db, CURRENT_PROVIDER, { code: "rate_limited", message: "m" });
    const id = await submitOne("a fox [sim:fail,durationMs=0]");
    await recordProviderFailure(backend.db, CURRENT_PROVIDER, { code: "rate_limited", message: "m" });
    await checkStatus(id);
    expect((await getGenerationById(backend.db, id))?.status).toBe("failed");
    expect(await healthOf(CURRENT_PROVIDER)).toMatchObject({ consecutiveFailures: 0 });
  });
});
