"use client";

import { useSyncExternalStore } from "react";

// One polite live region for the whole app: "Copied", "Image ready", "Failed" are said once, by
// whichever component learns of them, without each keeping its own region. No role="status":
// pages keep their own visible status lines, and one region must not be mistaken for them.
let message = "";
let lastSaidAt = 0;
const listeners = new Set<() => void>();

/** Says `text` to screen readers; the same words again within a second are said once. */
export function announce(text: string): void {
  const now = Date.now();
  if (text === message.trimEnd() && now - lastSaidAt < 1000) return;
  // A trailing space makes a repeat of the last message a change, so it is read again.
  message = text === message ? `${text} ` : text;
  lastSaidAt = now;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function Announcer() {
  const text = useSyncExternalStore(
    subscribe,
    () => message,
    () => "",
  );
  return (
    <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="announcer">
      {text}
    </div>
  );
}
