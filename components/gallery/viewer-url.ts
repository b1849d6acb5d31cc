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

// Only a generation id opens the viewer: a link's ?view= must not steer our requests elsewhere.
const GENERATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const asGenerationId = (id: string | null) => (id && GENERATION_ID.test(id) ? id : null);

export function useViewedId(): string | null {
  return asGenerationId(useSearchParams().get(VIEW_PARAM));
}

/** The id in the address right now, which may be ahead of what the last render saw. */
export function currentViewedId(): string | null {
  return asGenerationId(new URL(window.location.href).searchParams.get(VIEW_PARAM));
}

// Our own marker only: handing Next its own state back (it carries __NA) makes its router skip the
// change, and useSearchParams would not see it.
const viewerState = () => ({
  viewer: Boolean((window.history.state as { viewer?: boolean } | null)?.viewer),
});

/**
 * Replaces the address in place, keeping whether the viewer was opened by this page. Nothing is
 * written when the address is already `url`: effects run on hydration before Next installs its
 * history hooks, and a raw replaceState then would drop Next's own state (Back would reload).
 */
export function replaceUrl(url: string): void {
  const { pathname, search, hash } = window.location;
  if (url === `${pathname}${search}${hash}`) return;
  window.history.replaceState(viewerState(), "", url);
}

/** Opens the viewer as a new history entry, so Back closes it. */
export function openViewer(id: string): void {
  window.history.pushState({ viewer: true }, "", urlWithView(id));
}

/** Moves the open viewer to another image in place: Back still closes it rather than stepping through. */
export function moveViewer(id: string): void {
  replaceUrl(urlWithView(id));
}

/** Closes the viewer: Back when this page opened it, otherwise (after a reload) in place. */
export function closeViewer(): void {
  if (viewerState().viewer) window.history.back();
  else replaceUrl(urlWithView(null));
}
