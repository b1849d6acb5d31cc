import type { Server } from "node:http";
import { logEvent } from "@/lib/logging/log";

// SIGTERM (a deploy, a scale-down) must not lose work: the process stops taking new work, lets
// each part finish or release what it holds, and exits 0 within 10 s. Parts register here; the
// flag tells loops (the sweeper, a worker, an event stream) to stop starting things.

export type ShutdownTask = () => Promise<void> | void;

/** Whole shutdown, well inside the 10 s an orchestrator waits before SIGKILL. */
export const SHUTDOWN_DEADLINE_MS = 9000;
/** One registered task's share: a stuck one must not keep the others from running. */
export const TASK_DEADLINE_MS = 7000;
/** Requests still open after this are cut, so the process can exit in time. */
export const DRAIN_MS = 6000;

interface ShutdownState {
  shuttingDown: boolean;
  tasks: Map<string, ShutdownTask>;
  installed: boolean;
}

const globalForShutdown = globalThis as typeof globalThis & { __seedreamShutdown?: ShutdownState };

function state(): ShutdownState {
  globalForShutdown.__seedreamShutdown ??= { shuttingDown: false, tasks: new Map(), installed: false };
  return globalForShutdown.__seedreamShutdown;
}

/** Runs `task` when the process is asked to stop; returns a function that unregisters it. */
export function onShutdown(name: string, task: ShutdownTask): () => void {
  const { tasks } = state();
  tasks.set(name, task);
  return () => {
    if (tasks.get(name) === task) tasks.delete(name);
  };
}

/** True once a stop signal arrived: take no new work, hold no new claims. */
export function isShuttingDown(): boolean {
  return state().shuttingDown;
}

function withDeadline(name: string, task: ShutdownTask, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      logEvent("shutdown", "task overran its deadline", { task: name });
      resolve();
    }, ms);
    Promise.resolve()
      .then(task)
      .catch((error: unknown) => logEvent("shutdown", "task failed", { task: name }, error))
      .finally(() => {
        clearTimeout(timer);
        resolve();
      });
  });
}

/** Sets the flag and runs every registered task at once, each within its deadline. */
export async function runShutdownTasks(taskDeadlineMs = TASK_DEADLINE_MS): Promise<void> {
  const current = state();
  current.shuttingDown = true;
  const tasks = [...current.tasks];
  current.tasks.clear();
  await Promise.all(tasks.map(([name, task]) => withDeadline(name, task, taskDeadlineMs)));
}

type SignalListener = (signal: NodeJS.Signals) => void;

/**
 * Takes over SIGTERM and SIGINT. Next's own handler (registered before instrumentation runs)
 * closes the listening socket, waits for requests and `after()` work, then exits 143. It still
 * runs, beside our tasks, but its exit waits until those are done and reports 0: a clean stop.
 */
export function installShutdownHandlers({
  deadlineMs = SHUTDOWN_DEADLINE_MS,
  drainMs = DRAIN_MS,
  servers = () => [],
}: {
  deadlineMs?: number;
  drainMs?: number;
  /** The HTTP servers whose connections are closed: idle ones at once, the rest after `drainMs`. */
  servers?: () => Server[];
} = {}): void {
  const current = state();
  if (current.installed) return;
  current.installed = true;
  const realExit = process.exit.bind(process);
  let started = false;

  const shutdown = async (signal: NodeJS.Signals, framework: SignalListener[]) => {
    if (started) return;
    started = true;
    logEvent("shutdown", "stopping", { signal });
    setTimeout(() => {
      const resources = process.getActiveResourcesInfo();
      logEvent("shutdown", "deadline passed, stopping now", {
        deadline_ms: deadlineMs,
        resources: [...new Set(resources)]
          .map((r) => `${r}x${resources.filter((x) => x === r).length}`)
          .join(","),
      });
      realExit(1);
    }, deadlineMs).unref();
    let frameworkDone = () => {};
    const frameworkFinished = new Promise<void>((resolve) => {
      frameworkDone = resolve;
    });
    // Next calls process.exit when its part is done; ours may still be running then.
    process.exit = (() => frameworkDone()) as typeof process.exit;
    const tasks = runShutdownTasks();
    for (const listener of framework) listener(signal);
    if (framework.length === 0) frameworkDone();
    for (const server of servers()) server.closeIdleConnections();
    // A request that is still open by now (a stalled client, a stream nobody closed) would hold
    // Next's close past the deadline; its work is claimed in the database and survives it.
    const drain = setTimeout(() => {
      const open = servers();
      logEvent("shutdown", "closing connections still open", { servers: open.length });
      for (const server of open) server.closeAllConnections();
    }, drainMs);
    drain.unref();
    await Promise.all([tasks, frameworkFinished]);
    clearTimeout(drain);
    logEvent("shutdown", "stopped cleanly", { signal });
    realExit(0);
  };

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const framework = process.listeners(signal) as SignalListener[];
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal, framework));
  }
}
