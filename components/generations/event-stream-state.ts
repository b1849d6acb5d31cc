"use client";

import { useSyncExternalStore } from "react";

// Whether this tab's event stream is up (snapshot received): while it is, pushed events keep the
// generations fresh and polling slows to a fallback; while it is down, polling runs at full pace.
let open = false;
const listeners = new Set<() => void>();

export function setEventStreamOpen(next: boolean): void {
  if (open === next) return;
  open = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useEventStreamOpen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => open,
    () => false,
  );
}
