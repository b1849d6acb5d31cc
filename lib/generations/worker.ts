import { type CheckPace, listDueStatusChecks } from "@/db/queries/generation-lifecycle";
import { logGenerationEvent } from "./logger";
import { POLL_STEPS } from "./polling";
import { type RefreshDeps, refreshGeneration, staleAfterMs } from "./refresh";

/** The pace of the status checks: what a watching tab used to poll at (the claim's staleness). */
export const CHECK_PACE: CheckPace = {
  steps: POLL_STEPS.map((step) => ({
    belowAgeMs: step.belowAgeMs,
    afterMs: staleAfterMs(step.belowAgeMs - 1),
  })),
  lastAfterMs: staleAfterMs(Number.POSITIVE_INFINITY),
};

// With nothing running, look again this often anyway (a task sent by another instance announces
// itself and wakes us sooner).
const IDLE_MS = 5000;
// Checks and downloads under way at once; each runs on its own, so one that hangs (up to the
// client's 15 s timeout) holds no other task up.
const MAX_IN_FLIGHT = 10;
const BATCH = 25;
// A task that looked due but could not be taken yet is not asked about again in a tight loop.
const MIN_PAUSE_MS = 100;

export interface GenerationWorker {
  /** Look now: a task was just sent, or came back to running. */
  wake(): void;
  /** Claims nothing more; resolves once the checks under way have ended. */
  stop(): Promise<void>;
}

/**
 * Moves running tasks forward with nobody watching: each is checked at its pace (and on its
 * back-off), and a finished one is downloaded, by whichever instance claims it first (the claims
 * in the database let exactly one through). Sleeps until the next task is due.
 */
export function startGenerationWorker(
  loadDeps: () => Promise<RefreshDeps>,
  { shouldStop = () => false }: { shouldStop?: () => boolean } = {},
): GenerationWorker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let listing: Promise<void> | undefined;
  let wakeAgain = false;
  const inFlight = new Map<string, Promise<void>>();

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(tick, ms);
    timer.unref();
  };

  async function pass(): Promise<number> {
    const deps = await loadDeps();
    const { due, nextInMs } = await listDueStatusChecks(deps.db, { pace: CHECK_PACE, limit: BATCH });
    let waiting = false;
    for (const generation of due) {
      if (stopped || shouldStop()) break;
      if (inFlight.has(generation.id)) continue;
      if (inFlight.size >= MAX_IN_FLIGHT) {
        waiting = true;
        break;
      }
      const check = refreshGeneration(deps, generation)
        .catch((error: unknown) => logGenerationEvent("worker check failed", { id: generation.id }, error))
        .finally(() => inFlight.delete(generation.id));
      inFlight.set(generation.id, check);
    }
    if (waiting || due.length > 0) return MIN_PAUSE_MS;
    return nextInMs === null ? IDLE_MS : Math.min(IDLE_MS, Math.max(MIN_PAUSE_MS, nextInMs));
  }

  function tick() {
    if (stopped || shouldStop()) return;
    wakeAgain = false;
    listing = pass()
      .catch((error: unknown) => {
        logGenerationEvent("worker pass failed", {}, error);
        return IDLE_MS;
      })
      .then((nextMs) => {
        listing = undefined;
        schedule(wakeAgain ? 0 : nextMs);
      });
  }

  schedule(0);
  return {
    wake() {
      if (listing) wakeAgain = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await listing;
      await Promise.all(inFlight.values());
    },
  };
}
