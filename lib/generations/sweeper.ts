import { expireAbandonedGenerations, listGenerationsToSweep } from "@/db/queries/generation-lifecycle";
import { deleteUnusedUploads } from "@/db/queries/media";
import { DOWNLOAD_DEADLINE_MS } from "./backoff";
import { logGenerationEvent } from "./logger";
import { type RefreshDeps, refreshGeneration, TASK_DEADLINE_MS } from "./refresh";

// A create that has not reported back in this long died with its process (the client's own
// timeouts and rate-limit waits end well before).
const PENDING_LIMIT_MS = 3 * 60_000;

/** One pass: settles tasks nobody is watching and times out those past the deadline. */
export async function sweepGenerations(deps: RefreshDeps): Promise<void> {
  const expired = await expireAbandonedGenerations(deps.db, {
    pendingForMs: PENDING_LIMIT_MS,
    deadlineMs: TASK_DEADLINE_MS,
    downloadDeadlineMs: DOWNLOAD_DEADLINE_MS,
  });
  if (expired.unknown || expired.timedOut || expired.undownloaded)
    logGenerationEvent("sweep expired", expired);
  const due = await listGenerationsToSweep(deps.db, { uncheckedForMs: 5000, limit: 25 });
  for (const generation of due) {
    await refreshGeneration(deps, generation).catch((error: unknown) =>
      logGenerationEvent("sweep refresh failed", { id: generation.id }, error),
    );
  }
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

/** Runs a sweep every `intervalMs`, never two at once in this process; other instances are safe by claims. */
export function startSweeper(loadDeps: () => Promise<RefreshDeps>, intervalMs = 5000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    loadDeps()
      .then(sweepGenerations)
      .catch((error: unknown) => logGenerationEvent("sweep failed", {}, error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  // Unused uploads age in days, so an hourly look is plenty.
  const uploads = setInterval(() => {
    loadDeps()
      .then(sweepUnusedUploads)
      .then((count) => count > 0 && logGenerationEvent("sweep removed unused uploads", { count }))
      .catch((error: unknown) => logGenerationEvent("upload sweep failed", {}, error));
  }, 60 * 60_000);
  uploads.unref();
  return () => {
    clearInterval(timer);
    clearInterval(uploads);
  };
}
