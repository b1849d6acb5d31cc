import { listGenerationsToSweep, listLateChecks } from "@/db/queries/generation-lifecycle";
import {
  expireAbandonedGenerations,
  listCallbackTasksToConfirm,
  listUnsentCreates,
} from "@/db/queries/generation-recovery";
import { deleteUnusedUploads } from "@/db/queries/media";
import { answersWithImages, PROVIDER_PROFILES, providersWhere } from "@/lib/providers/profiles";
import { PROVIDER_IDS, type ProviderCapabilities, type ProviderId } from "@/lib/providers/types";
import { DOWNLOAD_DEADLINE_MS } from "./backoff";
import { confirmCallbackTask } from "./callback";
import { logGenerationEvent } from "./logger";
import { type RefreshDeps, refreshGeneration } from "./refresh";
import { submitGeneration } from "./submit";

// A send that has not answered in this long died with its process (the client's own timeouts and
// rate-limit waits end well before: 30 s for a task, 290 s for a host that answers with the images);
// its own instance says so at once when it restarts.
const PENDING_LIMIT_MS = Object.fromEntries(
  PROVIDER_IDS.map((id) => [id, pendingLimitMs(PROVIDER_PROFILES[id].capabilities)]),
) as Record<ProviderId, number>;

/**
 * Longer than the slowest send can last: 429 waits (3 of at most a minute) before the create's own
 * timeout (290 s for an answer with the images, 30 s for a task), after uploads of up to 90 s.
 */
function pendingLimitMs(capabilities: ProviderCapabilities): number {
  const create = answersWithImages(capabilities) ? 290_000 : 30_000;
  const uploads = capabilities.referenceTransport === "host-upload" ? 90_000 : 0;
  return Math.max(3 * 60_000, uploads + 3 * 60_000 + create + 60_000);
}

// Sent by the worker alone (each holds a slot for minutes); the sweep must not wait on them.
const TASK_HOSTS = providersWhere((capabilities) => !answersWithImages(capabilities));
// `after()` sends a new create within milliseconds; one still unclaimed after this lost its process.
const UNSENT_GRACE_MS = 2000;
// Past this a create nobody sent is failed as "not sent" rather than sent long after it was asked for.
const UNSENT_LIMIT_MS = 10 * 60_000;
// Timed-out tasks are asked again this often, for as long as a finished image may still be fetched.
const LATE_CHECK_INTERVAL_MS = 10 * 60_000;
// Status checks under way at once in one sweep: a slow upstream must not hold the whole batch up.
const SWEEP_CONCURRENCY = 5;

async function eachWithLimit<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const workers = Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
  });
  await Promise.all(workers);
}

/**
 * One pass: sends creates that were recorded but never sent (a crash between recording and
 * sending), settles tasks nobody is watching, asks again about timed-out ones, and gives up work
 * that can no longer finish.
 */
export async function sweepGenerations(deps: RefreshDeps): Promise<void> {
  const expired = await expireAbandonedGenerations(deps.db, {
    pendingForMs: PENDING_LIMIT_MS,
    unsentForMs: UNSENT_LIMIT_MS,
    downloadDeadlineMs: DOWNLOAD_DEADLINE_MS,
  });
  if (expired.unknown || expired.notSent || expired.undownloaded)
    logGenerationEvent("sweep expired", expired);

  const unsent = await listUnsentCreates(deps.db, {
    olderThanMs: UNSENT_GRACE_MS,
    limit: 20,
    providers: TASK_HOSTS,
  });
  const sends = Promise.all(
    // Safe to send: nobody ever claimed these, and the claim inside lets exactly one sender through.
    unsent.map(({ id }) =>
      submitGeneration(deps, id).catch((error: unknown) =>
        logGenerationEvent("sweep send failed", { id }, error),
      ),
    ),
  );
  const due = await listGenerationsToSweep(deps.db, { uncheckedForMs: 5000, limit: 25 });
  const late = await listLateChecks(deps.db, {
    uncheckedForMs: LATE_CHECK_INTERVAL_MS,
    horizonMs: DOWNLOAD_DEADLINE_MS,
    limit: 10,
  });
  // Task ids callbacks named whose confirmation the upstream could not give at the time.
  const named = await listCallbackTasksToConfirm(deps.db, { uncheckedForMs: 5000, limit: 10 });
  const checks = eachWithLimit([...due, ...late, ...named], SWEEP_CONCURRENCY, (generation) =>
    (generation.upstreamTaskId
      ? refreshGeneration(deps, generation, {
          staleAfter: generation.status === "timed_out" ? LATE_CHECK_INTERVAL_MS : undefined,
        })
      : confirmCallbackTask(deps, generation)
    ).catch((error: unknown) => logGenerationEvent("sweep refresh failed", { id: generation.id }, error)),
  );
  await Promise.all([sends, checks]);
}

const UNUSED_UPLOAD_AGE_MS = 24 * 60 * 60_000;

/** Deletes uploads no edit ever used, a day after they were made, rows and files. */
export async function sweepUnusedUploads({
  db,
  storage,
}: Pick<RefreshDeps, "db" | "storage">): Promise<number> {
  let total = 0;
  for (;;) {
    const keys = await deleteUnusedUploads(db, { olderThanMs: UNUSED_UPLOAD_AGE_MS, limit: 100 });
    await Promise.all(keys.map((key) => storage.delete(key)));
    total += keys.length / 2;
    if (keys.length < 200) return total;
  }
}

/**
 * Runs a sweep at once (work a crash left behind is picked up as the server starts) and then every
 * `intervalMs`, never two at once in this process; other instances are safe by claims.
 */
export function startSweeper(
  loadDeps: () => Promise<RefreshDeps>,
  { intervalMs = 5000, shouldStop = () => false }: { intervalMs?: number; shouldStop?: () => boolean } = {},
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const sweep = () => {
    if (running || shouldStop()) return;
    running = loadDeps()
      .then(sweepGenerations)
      .catch((error: unknown) => logGenerationEvent("sweep failed", {}, error))
      .finally(() => {
        running = null;
      });
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  // Unused uploads age in days, so an hourly look is plenty.
  const uploads = setInterval(() => {
    loadDeps()
      .then(sweepUnusedUploads)
      .then((count) => count > 0 && logGenerationEvent("sweep removed unused uploads", { count }))
      .catch((error: unknown) => logGenerationEvent("upload sweep failed", {}, error));
  }, 60 * 60_000);
  uploads.unref();
  // Stopping lets a pass under way finish, so the claims it holds are settled rather than left
  // to their leases.
  return async () => {
    clearInterval(timer);
    clearInterval(uploads);
    await running;
  };
}
