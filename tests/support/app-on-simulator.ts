import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { type Simulator, startSimulator } from "@/lib/simulator/server";
import type { DatabaseCase } from "./databases";

// The app's own modules (routes, the generation service) run as in production, configured by the
// environment against the simulator, with `after()` tasks queued so that a test can wait for them.

export const APP_URL = "https://studio.example";

/** The tasks the app handed to `after()`; a test may drop them, as a process that died would. */
export const afterTasks = {
  scheduled: [] as Promise<unknown>[],
  drop: false,
  /** Waits until every task (and any task those scheduled) has finished. */
  async settled() {
    while (afterTasks.scheduled.length > 0) await Promise.all(afterTasks.scheduled.splice(0));
  },
};

/**
 * `next/server` with `after()` queueing into `afterTasks`. Use from the test file (vi.mock is hoisted):
 * `vi.mock("next/server", async (original) => (await import("../support/app-on-simulator")).nextServerWithQueuedAfter(original));`
 */
export async function nextServerWithQueuedAfter(importOriginal: <T = unknown>() => Promise<T>) {
  return {
    ...(await importOriginal<typeof import("next/server")>()),
    after: (task: () => Promise<unknown>) => {
      if (!afterTasks.drop) afterTasks.scheduled.push(Promise.resolve().then(task));
    },
  };
}

/**
 * Starts the simulator and points the app's environment at it for the whole file (API in One as the
 * configured upstream, a temporary data folder, no DATABASE_URL); `env` adds settings for other hosts.
 */
export function setUpAppOnSimulator({
  dataDirPrefix,
  apiKey,
  simulatorOptions,
  env = () => ({}),
}: {
  dataDirPrefix: string;
  apiKey: string;
  simulatorOptions?: Parameters<typeof startSimulator>[0];
  env?: (simulator: Simulator) => Record<string, string>;
}): { readonly simulator: Simulator } {
  let simulator: Simulator | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), dataDirPrefix));
  beforeAll(async () => {
    const started = await startSimulator(simulatorOptions);
    simulator = started;
    const settings: Record<string, string> = {
      SEEDREAM_API_KEY: apiKey,
      SEEDREAM_API_URL: started.apiUrl,
      ...env(started),
      OUTBOUND_ALLOW_HOSTS: new URL(started.url).host,
      APP_URL,
      DATA_DIR: dataDir,
      AUTH_SECRET: "a".repeat(40),
      DATABASE_URL: "",
    };
    for (const [name, value] of Object.entries(settings)) vi.stubEnv(name, value);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await simulator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get simulator() {
      if (!simulator) throw new Error("the simulator is used before the file's tests run");
      return simulator;
    },
  };
}

type WebhookRoute = typeof import("@/app/api/webhooks/[provider]/[token]/route");
type GenerationService = typeof import("@/lib/generations/service");

/**
 * Makes the database the app's own for one `describe` block, and loads the webhook route and the
 * generation service on it (after the environment is set, as the app would).
 */
export function setUpAppDatabase({ open }: Pick<DatabaseCase, "open">) {
  const globalForDb = globalThis as typeof globalThis & { __seedreamDb?: Promise<DatabaseHandle> };
  let handle: DatabaseHandle | undefined;
  let route: WebhookRoute | undefined;
  let service: GenerationService | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the app's database is used outside its describe block's tests");
    return value;
  };
  beforeAll(async () => {
    handle = await open();
    globalForDb.__seedreamDb = Promise.resolve(handle);
    route = await import("@/app/api/webhooks/[provider]/[token]/route");
    service = await import("@/lib/generations/service");
  });
  afterAll(async () => {
    globalForDb.__seedreamDb = undefined;
    await handle?.close();
  });
  return {
    get db() {
      return ready(handle).db;
    },
    /** The webhook route's POST handler. */
    get POST() {
      return ready(route).POST;
    },
    get service() {
      return ready(service);
    },
  };
}
