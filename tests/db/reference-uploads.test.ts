import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getGenerationById } from "@/db/queries/generations";
import { insertMedia } from "@/db/queries/media";
import { refreshGeneration } from "@/lib/generations/refresh";
import { submitGeneration } from "@/lib/generations/submit";
import { createLocalDiskStorage } from "@/lib/media/local-disk-storage";
import type { MediaStorage } from "@/lib/media/storage";
import { allowedHostOf } from "@/lib/net/allowed-hosts";
import { withRequestChecks } from "@/lib/providers/checked-adapter";
import { createFalAdapter } from "@/lib/providers/fal";
import { createKieAdapter } from "@/lib/providers/kie";
import type { ProviderAdapter } from "@/lib/providers/types";
import { type Simulator, startSimulator } from "@/lib/simulator/server";
import { databaseCases } from "../support/databases";
import { makeGeneration, makeUser } from "../support/fixtures";
import { testUpstream } from "../support/upstream";

// KIE and fal take each reference as an upload to their own file store, so an edit works although
// the host could never reach our APP_URL: here the signed URLs point at a host nobody can reach.

interface HostTask {
  host: string;
  prompt: string;
  references: string[];
  referenceKinds: string[];
}

describe.each(databaseCases())("references uploaded to the host on $name", ({ open }) => {
  let handle: DatabaseHandle;
  let simulator: Simulator;
  let root: string;
  let storage: MediaStorage;

  beforeAll(async () => {
    handle = await open();
    simulator = await startSimulator();
    root = fs.mkdtempSync(path.join(os.tmpdir(), "seedream-uploads-"));
    storage = createLocalDiskStorage({
      root,
      publicBaseUrl: "https://unreachable.example/media/signed",
      signingSecret: "s",
    });
  });
  afterAll(async () => {
    await simulator.close();
    await handle.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const quick = { sleep: async () => {} };
  const kie = (apiKey = "kie-key") =>
    createKieAdapter({ baseUrl: simulator.url, uploadUrl: simulator.url, apiKey, ...quick });
  const fal = (allowed = true) =>
    createFalAdapter({
      queueUrl: simulator.url,
      storageUrl: simulator.url,
      apiKey: "fal-key",
      allowHosts: allowed ? [allowedHostOf(simulator.url)] : [],
      ...quick,
    });

  const depsFor = (adapter: ProviderAdapter) => ({
    db: handle.db,
    storage,
    upstream: testUpstream([withRequestChecks(adapter)], { allowHosts: [allowedHostOf(simulator.url)] }),
    instanceId: "uploads-test",
  });

  async function hostTask(prompt: string): Promise<HostTask | undefined> {
    const response = await fetch(`${simulator.url}/__sim/host-tasks`, {
      headers: { authorization: `Bearer ${simulator.controlSecret}` },
    });
    return ((await response.json()) as HostTask[]).find((task) => task.prompt === prompt);
  }

  async function reference(userId: string, colour: string) {
    const id = randomUUID();
    const storageKey = `users/${userId}/uploads/${id}.png`;
    const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
      .png()
      .toBuffer();
    await storage.put(storageKey, bytes, "image/png");
    return insertMedia(handle.db, {
      id,
      userId,
      kind: "upload",
      storageKey,
      thumbnailKey: `users/${userId}/uploads/${id}-thumbnail.webp`,
      contentType: "image/png",
      width: 64,
      height: 48,
      bytes: bytes.length,
      placeholder: "data:image/webp;base64,AA",
    });
  }

  async function edit(adapter: ProviderAdapter, prompt: string) {
    const user = await makeUser(handle.db);
    const [a, b] = [await reference(user.id, "#d01010"), await reference(user.id, "#1010d0")];
    return makeGeneration(
      handle.db,
      user.id,
      {
        mode: "edit",
        model: "seedream/4.5-edit",
        provider: adapter.id,
        prompt: `${prompt} [sim:durationMs=50]`,
      },
      [a.id, b.id],
    );
  }

  async function finish(adapter: ProviderAdapter, id: string) {
    for (let i = 0; i < 200; i++) {
      const row = await getGenerationById(handle.db, id);
      if (!row) throw new Error("row vanished");
      if (!["pending", "running"].includes(row.status)) return row;
      await refreshGeneration(depsFor(adapter), row);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("never finished");
  }

  it.each([
    ["KIE", kie],
    ["fal", fal],
  ] as const)("an edit on %s uploads its references in order and sends the host's URLs", async (_, make) => {
    const adapter = make();
    const generation = await edit(adapter, `a watercolour via ${adapter.id} uploads`);
    await submitGeneration(depsFor(adapter), generation.id);
    const task = await hostTask(generation.prompt);
    expect(task?.host).toBe(adapter.id);
    expect(task?.referenceKinds).toEqual(["upload", "upload"]);
    expect(task?.references.every((url) => url.startsWith(`${simulator.url}/host-uploads/`))).toBe(true);
    expect(task?.references.join(" ")).not.toContain("unreachable.example");
    // In order: the first uploaded file is the red one.
    const first = await fetch(task?.references[0] ?? "");
    const { dominant } = await sharp(Buffer.from(await first.arrayBuffer())).stats();
    expect(dominant.r).toBeGreaterThan(150);
    expect(await finish(adapter, generation.id)).toMatchObject({
      status: "succeeded",
      billingState: "charged",
    });
  });

  it.each([
    ["KIE", () => kie(""), "KIE"],
    ["fal", () => fal(false), "fal"],
  ] as const)(
    "a failed upload to %s fails the edit uncharged, and nothing is created",
    async (_, make, label) => {
      const adapter = make();
      const generation = await edit(adapter, `a refused upload via ${adapter.id}`);
      await submitGeneration(depsFor(adapter), generation.id);
      const row = await getGenerationById(handle.db, generation.id);
      expect(row).toMatchObject({
        status: "failed",
        billingState: "released",
        errorCode: "reference_upload_failed",
        upstreamTaskId: null,
      });
      expect(row?.errorMessage).toBe(
        `Could not upload reference image 1 to ${label}, so the edit was not sent. Nothing was charged.`,
      );
      expect(await hostTask(generation.prompt)).toBeUndefined();
    },
  );
});
