import "server-only";
import { getDb } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { listGenerationSummariesForUser, listUnfinishedGenerationsForUser } from "@/db/queries/generations";
import { toGenerationView } from "@/lib/generations/to-view";
import type { GenerationView } from "@/lib/generations/view";
import { logEvent } from "@/lib/logging/log";
import { GENERATION_EVENTS_CHANNEL, type GenerationChange, parseGenerationChange } from "./generation-change";
import { GenerationEventHub } from "./hub";

// One hub and one LISTEN per process, on globalThis: Next loads start-up code and route handlers as
// separate bundles, which would otherwise each get their own.
const globalForEvents = globalThis as typeof globalThis & {
  __seedreamEvents?: { hub: GenerationEventHub; listening?: Promise<() => Promise<void>> };
};

const SNAPSHOT_LIMIT = 100;

async function loadViews(userId: string, ids: string[]): Promise<GenerationView[]> {
  const rows = await listGenerationSummariesForUser(await getDb(), { userId, ids });
  return rows.map((row) => toGenerationView(row));
}

export async function loadSnapshotViews(userId: string): Promise<GenerationView[]> {
  const rows = await listUnfinishedGenerationsForUser(await getDb(), { userId, limit: SNAPSHOT_LIMIT });
  return rows.map((row) => toGenerationView(row));
}

function events() {
  globalForEvents.__seedreamEvents ??= { hub: new GenerationEventHub(loadViews) };
  return globalForEvents.__seedreamEvents;
}

export function processEventHub(): GenerationEventHub {
  return events().hub;
}

/**
 * Starts this process's one LISTEN on the generation channel: each change goes to the hub (and to
 * `onChange`, the worker's wake-up). A reconnect after a drop sends every stream a new snapshot.
 */
export function listenForGenerationChanges(
  database: DatabaseHandle,
  onChange: (change: GenerationChange) => void = () => {},
): Promise<() => Promise<void>> {
  const state = events();
  if (!state.listening) {
    let connected = false;
    state.listening = database.listen(
      GENERATION_EVENTS_CHANNEL,
      (payload) => {
        const change = parseGenerationChange(payload);
        if (!change) return logEvent("events", "unreadable notification", {});
        state.hub.publish(change);
        onChange(change);
      },
      () => {
        if (connected) {
          logEvent("events", "listener reconnected", {});
          state.hub.resync();
        }
        connected = true;
      },
    );
    const listening = state.listening;
    listening.catch(() => {
      if (state.listening === listening) state.listening = undefined;
    });
  }
  return state.listening;
}
