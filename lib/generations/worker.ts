import { type CheckPace, listDueStatusChecks } from "@/db/queries/generation-lifecycle";
import { listUnsentCreates } from "@/db/queries/generation-recovery";
import { answersWithImages, providersWhere } from "@/lib/providers/profiles";
import { logGenerationEvent } from "./logger";
import { POLL_STEPS } from "./polling";
import { type RefreshDeps, refreshGeneration, staleAfterMs } from "./refresh";
import { submitGeneration } from "./submit";

// Hosts that answer only once the images are made (minutes): their creates are sent from here,
// never inside a request.
const ANSWERING_HOSTS = providersWhere(answersWithImages);

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
// Sends to a host that answers only when done hold a slot (and their references) for minutes:
// a few at once, so status checks always find slots.
const MAX_ANSWERING_SENDS = 2;
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
 * Sends the creates of hosts that answer only when done, and moves running tasks forward with
 * nobody watching: each is checked at its pace (and on its
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
  const sending = new Set<string>();

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(tick, ms);
    timer.unref();
  };

  async function pass(): Promise<number> {
    const deps = await loadDeps();
    const room = MAX_ANSWERING_SENDS - sending.size;
    const sends =
      room > 0
        ? await listUnsentCreates(deps.db, { olderThanMs: 0, limit: room, providers: ANSWERING_HOSTS })
        : [];
    const { due, nextInMs } = await listDueStatusChecks(deps.db, { pace: CHECK_PACE, limit: BATCH });
    const work = [
      ...sends.map(({ id }) => ({
        id,
        run: () => {
          sending.add(id);
          return submitGeneration(deps, id).finally(() => sending.delete(id));
        },
        what: "worker send failed",
      })),
      ...due.map((generation) => ({
        id: generation.id,
        run: () => refreshGeneration(deps, generation),
        what: "worker check failed",
      })),
    ];
    let waiting = false;
    for (const { id, run, what } of work) {
      if (stopped || shouldStop()) break;
      if (inFlight.has(id)) continue;
      if (inFlight.size >= MAX_IN_FLIGHT) {
        waiting = true;
        break;
      }
      const task = run()
        .catch((error: unknown) => logGenerationEvent(what, { id }, error))
        .finally(() => inFlight.delete(id));
      inFlight.set(id, task);
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
