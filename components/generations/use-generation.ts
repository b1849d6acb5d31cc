"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useRefreshAllowance } from "@/components/billing/use-allowance";
import { SessionEndedError } from "@/components/session/session-ended";
import { announce } from "@/components/ui/announcer";
import { pollIntervalMs } from "@/lib/generations/polling";
import { FINAL_STATUSES, type GenerationView, generationViewSchema } from "@/lib/generations/view";
import { useEventStreamOpen } from "./event-stream-state";

export class StatusRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "StatusRequestError";
  }
}

export async function fetchGeneration(id: string, signal?: AbortSignal): Promise<GenerationView> {
  const response = await fetch(`/api/generations/${encodeURIComponent(id)}`, { signal, cache: "no-store" });
  if (response.status === 401) throw new SessionEndedError();
  if (response.status === 404) throw new StatusRequestError("This generation no longer exists.", 404);
  if (!response.ok)
    throw new StatusRequestError("Lost contact with the server; still trying.", response.status);
  return generationViewSchema.parse(await response.json());
}

export const generationQueryKey = (id: string) => ["generation", id] as const;

export const isFinal = (view: GenerationView | undefined) => Boolean(view && FINAL_STATUSES.has(view.status));

// While the tab's event stream is up, changes arrive pushed; a poll this rare only covers an event
// the stream could not deliver.
export const FALLBACK_POLL_MS = 30_000;

// Succeeded and failed never change status again; every other status can still move on (a
// timed-out task can come back to life). Which of two answers is older is read from that alone.
const SETTLED = new Set<GenerationView["status"]>(["succeeded", "failed"]);

/**
 * What to show when `next` arrives over `current`: `next`, unless it was read before `current`
 * (a poll that crossed a push): a settled generation keeps its status, and a running one never
 * goes back in progress. An edit's sources, which status reads leave out, are kept.
 */
export function newerView(current: GenerationView | undefined, next: GenerationView): GenerationView {
  if (!current) return next;
  if (SETTLED.has(current.status) && next.status !== current.status) return current;
  const behind =
    current.status === "running" &&
    next.status === "running" &&
    (next.progress ?? 0) < (current.progress ?? 0);
  if (behind) return current;
  return next.sources || !current.sources ? next : { ...next, sources: current.sources };
}

/**
 * Keeps a generation fresh until it is final: pushed by the tab's event stream while that is up
 * (components/generations/generation-events.tsx), polled at full pace while it is down. React Query
 * pauses the interval in hidden tabs and shares one request between every component that shows the
 * same generation.
 */
export function useGeneration(initial: GenerationView) {
  const pushed = useEventStreamOpen();
  const client = useQueryClient();
  const query = useQuery({
    queryKey: generationQueryKey(initial.id),
    queryFn: async ({ signal }) =>
      newerView(
        client.getQueryData<GenerationView>(generationQueryKey(initial.id)),
        await fetchGeneration(initial.id, signal),
      ),
    initialData: initial,
    staleTime: (query) =>
      isFinal(query.state.data) ? Number.POSITIVE_INFINITY : pushed ? FALLBACK_POLL_MS : 0,
    refetchInterval: (query) => {
      const view = query.state.data;
      if (!view || isFinal(view)) return false;
      const error = query.state.error;
      if (
        error instanceof SessionEndedError ||
        (error instanceof StatusRequestError && error.status === 404)
      ) {
        return false;
      }
      return pushed ? FALLBACK_POLL_MS : pollIntervalMs(Date.now() - Date.parse(view.createdAt));
    },
    refetchIntervalInBackground: false,
    retry: (count, error) =>
      !(
        error instanceof SessionEndedError ||
        (error instanceof StatusRequestError && error.status === 404)
      ) && count < 2,
  });
  useRefreshAllowanceWhenSettled(query.data);
  return query;
}

/**
 * A generation that settles while watched may have given its hold back: what is left changes.
 * Screen readers hear that it settled, since the change happens away from their focus.
 */
function useRefreshAllowanceWhenSettled({ status, prompt }: GenerationView): void {
  const refreshAllowance = useRefreshAllowance();
  const previous = useRef(status);
  useEffect(() => {
    const was = previous.current;
    previous.current = status;
    if (was !== status && !FINAL_STATUSES.has(was) && FINAL_STATUSES.has(status)) {
      refreshAllowance();
      announce(status === "succeeded" ? `Image ready: ${prompt}` : `Failed: ${prompt}`);
    }
  }, [status, prompt, refreshAllowance]);
}
