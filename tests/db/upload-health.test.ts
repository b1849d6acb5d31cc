import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import { getGenerationById } from "@/db/queries/generations";
import { insertMedia } from "@/db/queries/media";
import { listProviderHealth } from "@/db/queries/provider-health";
import { providerHealth } from "@/db/schema";
import { submitGeneration } from "@/lib/generations/submit";
import { allowedHostOf } from "@/lib/net/allowed-hosts";
import { withRequestChecks } from "@/lib/providers/checked-adapter";
import { createFalAdapter } from "@/lib/providers/fal";
import { hostHealthView } from "@/lib/providers/health-view";
import { createKieAdapter } from "@/lib/providers/kie";
import type { ProviderAdapter } from "@/lib/providers/types";
import { databaseCases } from "../support/databases";
import { makeGeneration, makeUser } from "../support/fixtures";
import { setUpSimulatedBackend } from "../support/simulated-backend";
import { testUpstream } from "../support/upstream";

// An upload to a host's own file store (KIE's file host, fal's storage) is a call to that host:
// one that fails counts in its health like a refused create, and a later success clears it.

describe.each(databaseCases())("reference uploads in the host's health on $name", ({ open }) => {
  const backend = setUpSimulatedBackend({ open }, { mediaDirPrefix: "seedream-upload-health-" });
  beforeEach(async () => {
    await backend.db.delete(providerHealth);
  });

  const quick = { sleep: async () => {} };
  // No key: KIE's file host refuses the upload.
  const kie = (apiKey: string) =>
    createKieAdapter({ baseUrl: backend.simulator.url, uploadUrl: backend.simulator.url, apiKey, ...quick });
  // Without the simulator among the allowed private hosts, the PUT to fal's signed URL is refused.
  const fal = (allowed: boolean) =>
    createFalAdapter({
      queueUrl: backend.simulator.url,
      storageUrl: backend.simulator.url,
      apiKey: "fal-key",
      allowHosts: allowed ? [allowedHostOf(backend.simulator.url)] : [],
      ...quick,
    });

  const depsFor = (adapter: ProviderAdapter) => ({
    db: backend.db,
    storage: backend.storage,
    upstream: testUpstream([withRequestChecks(adapter)], {
      allowHosts: [allowedHostOf(backend.simulator.url)],
    }),
    instanceId: "upload-health-test",
  });

  const healthOf = async (provider: string) =>
    (await listProviderHealth(backend.db)).find((row) => row.provider === provider);

  async function edit(adapter: ProviderAdapter, prompt: string) {
    const user = await makeUser(backend.db);
    const id = randomUUID();
    const storageKey = `users/${user.id}/uploads/${id}.png`;
    const bytes = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#d01010" } })
      .png()
      .toBuffer();
    await backend.storage.put(storageKey, bytes, "image/png");
    const reference = await insertMedia(backend.db, {
      id,
      userId: user.id,
      kind: "upload",
      storageKey,
      thumbnailKey: `users/${user.id}/uploads/${id}-thumbnail.webp`,
      contentType: "image/png",
      width: 32,
      height: 32,
      bytes: bytes.length,
      placeholder: "data:image/webp;base64,AA",
    });
    return makeGeneration(
      backend.db,
      user.id,
      {
        mode: "edit",
        model: "seedream/4.5-edit",
        provider: adapter.id,
        prompt: `${prompt} [sim:durationMs=50]`,
      },
      [reference.id],
    );
  }

  async function sendEdit(adapter: ProviderAdapter, prompt: string) {
    const generation = await edit(adapter, prompt);
    await submitGeneration(depsFor(adapter), generation.id);
    const row = await getGenerationById(backend.db, generation.id);
    if (!row) throw new Error("row vanished");
    return row;
  }

  it("counts each failed KIE upload as a failure, fails the edit uncharged, and a later create clears it", async () => {
    const refusing = kie("");
    for (const attempt of [1, 2, 3]) {
      const row = await sendEdit(refusing, `refused upload ${attempt}`);
      expect(row).toMatchObject({
        status: "failed",
        billingState: "released",
        errorCode: "reference_upload_failed",
        upstreamTaskId: null,
      });
    }
    const failing = await healthOf("kie");
    expect(failing).toMatchObject({
      consecutiveFailures: 3,
      lastErrorCode: "reference_upload_failed",
      lastErrorMessage:
        "A reference image could not be uploaded to the host's file store, so an edit was not sent.",
      lastSuccessAt: null,
    });
    const view = hostHealthView({ id: "kie", label: "KIE", simulated: true, isDefault: false }, failing);
    expect(view.state.kind).toBe("failing");
    expect(view.lastError?.code).toBe("reference_upload_failed");

    // The key is back: the upload works and the create it leads to is the success that ends the streak.
    const working = await sendEdit(kie("kie-key"), "an upload that works");
    expect(working).toMatchObject({ status: "running", errorCode: null });
    const healed = await healthOf("kie");
    expect(healed).toMatchObject({ consecutiveFailures: 0, failingSince: null });
    expect(healed?.lastSuccessAt).toBeInstanceOf(Date);
    // Only KIE's record moved.
    expect(await healthOf("fal")).toBeUndefined();
  });

  it("counts a failed upload to fal's storage against fal", async () => {
    const row = await sendEdit(fal(false), "a refused fal upload");
    expect(row).toMatchObject({
      status: "failed",
      billingState: "released",
      errorCode: "reference_upload_failed",
    });
    expect(await healthOf("fal")).toMatchObject({
      consecutiveFailures: 1,
      lastErrorCode: "reference_upload_failed",
    });

    expect(await sendEdit(fal(true), "a fal upload that works")).toMatchObject({ status: "running" });
    expect(await healthOf("fal")).toMatchObject({ consecutiveFailures: 0, failingSince: null });
  });
});
