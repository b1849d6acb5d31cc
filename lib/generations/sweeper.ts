import { expireAbandonedGenerations, listGenerationsToSweep } from "@/db/queries/generation-lifecycle";
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
  });
  if (expired.unknown || expired.timedOut) logGenerationEvent("sweep expired", expired);
  const due = await listGenerationsToSweep(deps.db, { uncheckedForMs: 5000, limit: 25 });
  for (const generation of due) {
    await refreshGeneration(deps, generation).catch((error: unknown) =>
      logGenerationEvent("sweep refresh failed", {
        id: generation.id,
        reason: error instanceof Error ? error.message : "unknown",
      }),
    );
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
      .catch((error: unknown) =>
        logGenerationEvent("sweep failed", { reason: error instanceof Error ? error.message : "unknown" }),
      )
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
