"use client";

import { useSearchParams } from "next/navigation";

// The viewer lives in the page's own URL as ?view=<id>: a reload reopens it, Back closes it and
// Forward brings it back, and the link can be copied. Next's router follows pushState and
// replaceState, so useSearchParams sees every change without a server round trip.

const VIEW_PARAM = "view";

/** The same page's address with ?view set to `id`, or without it. */
export function urlWithView(id: string | null, href = window.location.href): string {
  const url = new URL(href);
  if (id) url.searchParams.set(VIEW_PARAM, id);
  else url.searchParams.delete(VIEW_PARAM);
  return `${url.pathname}${url.search}${url.hash}`;
}

export function useViewedId(): string | null {
  return useSearchParams().get(VIEW_PARAM);
}

/** Opens the viewer as a new history entry, so Back closes it. */
export function openViewer(id: string): void {
  window.history.pushState({ viewer: true }, "", urlWithView(id));
}

/** Moves the open viewer to another image in place: Back still closes it rather than stepping through. */
export function moveViewer(id: string): void {
  window.history.replaceState(window.history.state, "", urlWithView(id));
}

/** Closes the viewer: Back when this page opened it, otherwise (after a reload) in place. */
export function closeViewer(): void {
  if ((window.history.state as { viewer?: boolean } | null)?.viewer) window.history.back();
  else window.history.replaceState(window.history.state, "", urlWithView(null));
}
