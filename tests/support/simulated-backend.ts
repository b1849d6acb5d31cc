import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import type { RefreshDeps } from "@/lib/generations/refresh";
import { createLocalDiskStorage } from "@/lib/media/local-disk-storage";
import type { MediaStorage } from "@/lib/media/storage";
import { allowedHostOf } from "@/lib/net/allowed-hosts";
import type { SeedreamClientOptions } from "@/lib/seedream/client";
import { type Simulator, startSimulator } from "@/lib/simulator/server";
import type { DatabaseCase } from "./databases";
import { apiInOneUpstream, type TestUpstream } from "./upstream";

/** The API in One contract on the simulator, without waits between retries unless `client` says so. */
export function simulatorUpstream(
  simulator: Simulator,
  client: Partial<SeedreamClientOptions> = {},
): TestUpstream {
  return apiInOneUpstream(
    { baseUrl: simulator.apiUrl, apiKey: "k", sleep: async () => {}, ...client },
    { allowHosts: [allowedHostOf(simulator.url)] },
  );
}

/** A fetch that counts the task-status requests sent through it: how often a host is asked. */
export function statusCallCounter() {
  let count = 0;
  const countingFetch: typeof fetch = (input, init) => {
    if (String(input).includes("/tasks/")) count++;
    return fetch(input, init);
  };
  return {
    fetch: countingFetch,
    get count() {
      return count;
    },
    reset() {
      count = 0;
    },
  };
}

export interface SimulatedBackend {
  readonly db: Db;
  readonly simulator: Simulator;
  readonly upstream: TestUpstream;
  /** The temporary folder the media storage writes to. */
  readonly root: string;
  readonly storage: MediaStorage;
  /** What submit, refresh and the sweeper need, claiming as `instanceId`. */
  deps(instanceId: string): RefreshDeps;
}

export interface SimulatedBackendOptions {
  /** Names the temporary media folder, so a leftover one says which test left it. */
  mediaDirPrefix: string;
  /** The hosts the generations go to; by default the API in One contract on the simulator. */
  upstream?: (simulator: Simulator) => TestUpstream;
}

/**
 * A database, the upstream simulator and a media folder for one `describe` block: opened before its
 * tests, the simulator's behaviour reset before each, all closed and removed after.
 */
export function setUpSimulatedBackend(
  { open }: Pick<DatabaseCase, "open">,
  {
    mediaDirPrefix,
    upstream: makeUpstream = (simulator) => simulatorUpstream(simulator),
  }: SimulatedBackendOptions,
): SimulatedBackend {
  let handle: DatabaseHandle | undefined;
  let simulator: Simulator | undefined;
  let upstream: TestUpstream | undefined;
  let root: string | undefined;
  let storage: MediaStorage | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error("the simulated backend is used outside its describe block's tests");
    return value;
  };

  beforeAll(async () => {
    handle = await open();
    simulator = await startSimulator();
    root = fs.mkdtempSync(path.join(os.tmpdir(), mediaDirPrefix));
    storage = createLocalDiskStorage({
      root,
      publicBaseUrl: "http://localhost/media/signed",
      signingSecret: "s",
    });
    upstream = makeUpstream(simulator);
  });
  afterAll(async () => {
    await simulator?.close();
    await handle?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });
  beforeEach(() => simulator?.resetBehaviour());

  return {
    get db() {
      return ready(handle).db;
    },
    get simulator() {
      return ready(simulator);
    },
    get upstream() {
      return ready(upstream);
    },
    get root() {
      return ready(root);
    },
    get storage() {
      return ready(storage);
    },
    deps(instanceId) {
      return { db: ready(handle).db, storage: ready(storage), upstream: ready(upstream), instanceId };
    },
  };
}
