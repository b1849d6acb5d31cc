import fs from "node:fs";
import { getDatabase } from "@/db";
import type { DatabaseHandle, Db } from "@/db/client";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { releaseClaimsOf } from "@/db/queries/generation-recovery";
import { hasActiveAdmin } from "@/db/queries/users";
import { resolveAuthSecret } from "@/lib/auth/secret";
import { setupCode, setupCodeRequired } from "@/lib/auth/setup-code";
import { env, InvalidEnvironmentError } from "@/lib/config/env";
import { listenForGenerationChanges, processEventHub } from "@/lib/events/process-events";
import { loadRefreshDeps } from "@/lib/generations/service";
import { startSweeper } from "@/lib/generations/sweeper";
import { startGenerationWorker } from "@/lib/generations/worker";
import { describeError, logEvent, logNotice } from "@/lib/logging/log";
import { describeMediaStorage, verifyStorageWritable } from "@/lib/media";
import { StorageUnavailableError } from "@/lib/media/storage";
import { warmUpDevRoutes } from "@/lib/server/dev-warm-up";
import { establishInstance } from "@/lib/server/instance";
import { isShuttingDown, onShutdown } from "@/lib/server/shutdown";
import { ensureSimulator, isSimulated } from "@/lib/upstream";

/** Until an admin exists, say how to become it: on a public host that takes the setup code. */
function announceSetup(): void {
  const { APP_URL } = env();
  if (!setupCodeRequired()) {
    logNotice("start", `no admin yet: the first account created at ${APP_URL}/sign-up becomes the admin`);
    return;
  }
  console.log(
    `[start] no admin yet: create the admin account at ${APP_URL}/sign-up with this setup code: ${setupCode()}`,
  );
}

/**
 * Claims this instance's previous process held when it died are released before any work starts:
 * a download resumes at once instead of after its lease, a send cut off becomes "unknown".
 */
async function releaseOwnDeadClaims(db: Db, dataDir: string): Promise<void> {
  const instance = establishInstance(dataDir);
  if (!instance.persistent) return;
  const released = await releaseClaimsOf(db, instance.id);
  if (released.sends || released.others)
    logEvent("start", "released claims of the previous process", released);
}

/** The media store must take a write before the server takes work: a bucket that cannot stops it here. */
async function checkMediaStorage(): Promise<void> {
  try {
    await verifyStorageWritable();
  } catch (error) {
    const { error: name, code } = describeError(error);
    throw new StorageUnavailableError(
      `The media store (${describeMediaStorage()}) is not reachable or not writable (${code ?? name}).\n` +
        "Check S3_BUCKET, S3_ENDPOINT, S3_REGION and the credentials, and that the bucket exists.",
    );
  }
  logNotice("start", `media: ${describeMediaStorage()}`);
}

/**
 * The sweep (recovery), the worker (status checks and downloads) and the one LISTEN that pushes
 * changes to open tabs; on shutdown nothing more is claimed and every stream is closed.
 */
function startBackgroundWork(database: DatabaseHandle): void {
  const stopSweeper = startSweeper(loadRefreshDeps, { shouldStop: isShuttingDown });
  const worker = startGenerationWorker(loadRefreshDeps, { shouldStop: isShuttingDown });
  // A task that starts (or starts again) running, or a new create, wakes the worker on every instance.
  const listener = listenForGenerationChanges(database, (change) => {
    const started = change.status === "running" && change.previousStatus !== "running";
    const recorded = change.status === "pending" && !change.previousStatus;
    if (started || recorded) worker.wake();
  });
  onShutdown("generation worker", async () => {
    await Promise.all([stopSweeper(), worker.stop()]);
  });
  onShutdown("event streams", async () => {
    processEventHub().closeAll();
    await listener.stop();
  });
}

const globalForStart = globalThis as typeof globalThis & { __seedreamStarted?: boolean };

export async function startServer(): Promise<void> {
  if (globalForStart.__seedreamStarted) return;
  globalForStart.__seedreamStarted = true;
  try {
    const settings = env();
    // Database, media and secrets live here: a folder we create is for this user alone.
    fs.mkdirSync(settings.DATA_DIR, { recursive: true, mode: 0o700 });
    resolveAuthSecret();
    const database = await getDatabase();
    logNotice(
      "start",
      `database: ${database.driver}${database.driver === "pglite" ? ` in ${settings.DATA_DIR}` : ""}`,
    );
    await checkMediaStorage();
    if (isSimulated()) {
      const simulator = await ensureSimulator();
      logNotice("start", `no SEEDREAM_API_KEY: using the bundled upstream simulator at ${simulator.apiUrl}`);
    }
    if (!(await hasActiveAdmin(database.db))) announceSetup();
    await releaseOwnDeadClaims(database.db, settings.DATA_DIR);
    startBackgroundWork(database);
    warmUpDevRoutes();
  } catch (error) {
    // A bad setting or a locked database must stop the server, not leave it half up. Those two
    // messages are written for the operator and hold no values; any other error is named only.
    if (
      error instanceof InvalidEnvironmentError ||
      error instanceof DatabaseLockedError ||
      error instanceof StorageUnavailableError
    ) {
      console.error(`\n[start] Seedream Studio cannot start:\n${error.message}\n`);
    } else {
      logEvent("start", "Seedream Studio cannot start", {}, error);
    }
    process.exit(1);
  }
}
