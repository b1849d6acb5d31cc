// Minimal stand-in: the fleet branch owns this module (SIGTERM, draining, /api/ready). Only the API
// that other modules use is kept here: register clean-up, and ask whether shutdown has begun.

type ShutdownHook = () => Promise<void> | void;

const globalForShutdown = globalThis as typeof globalThis & {
  __seedreamShutdown?: { hooks: Map<string, ShutdownHook>; started: boolean };
};

function state() {
  if (!globalForShutdown.__seedreamShutdown) {
    const created = { hooks: new Map<string, ShutdownHook>(), started: false };
    globalForShutdown.__seedreamShutdown = created;
    process.once("SIGTERM", () => void runShutdown());
  }
  return globalForShutdown.__seedreamShutdown;
}

/** Registers clean-up to run once when the process is asked to stop (a later one replaces a name). */
export function onShutdown(name: string, fn: ShutdownHook): void {
  state().hooks.set(name, fn);
}

export function isShuttingDown(): boolean {
  return state().started;
}

async function runShutdown(): Promise<void> {
  const current = state();
  if (current.started) return;
  current.started = true;
  await Promise.allSettled([...current.hooks.values()].map(async (hook) => hook()));
}
