import "server-only";
import { getDb } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { listGenerationSummariesForUser, listUnfinishedGenerationsForUser } from "@/db/queries/generations";
import { toGenerationView } from "@/lib/generations/to-view";
import type { GenerationView } from "@/lib/generations/view";
import type { GenerationChange } from "./generation-change";
import { GenerationEventHub } from "./hub";
import { ListenerSupervisor } from "./listener-supervisor";

// One hub and one LISTEN per process, on globalThis: Next loads start-up code and route handlers as
// separate bundles, which would otherwise each get their own.
const globalForEvents = globalThis as typeof globalThis & {
  __seedreamEvents?: { hub: GenerationEventHub; listener?: ListenerSupervisor };
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
 * Whether this process hears the database's notifications right now. While it does not, streams
 * are refused (tabs poll at full pace instead) and /api/ready says so.
 */
export function isListeningForChanges(): boolean {
  return events().listener?.healthy ?? false;
}

/**
 * Starts this process's one LISTEN on the generation channel: each change goes to the hub (and to
 * `onChange`, the worker's wake-up). A reconnect after a drop sends every stream a new snapshot.
 */
export function listenForGenerationChanges(
  database: DatabaseHandle,
  onChange: (change: GenerationChange) => void = () => {},
): ListenerSupervisor {
  const state = events();
  state.listener ??= new ListenerSupervisor(database, state.hub, onChange);
  return state.listener;
}
