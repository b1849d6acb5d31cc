"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useRefreshAllowance } from "@/components/billing/use-allowance";
import { SessionEndedError } from "@/components/session/session-ended";
import { announce } from "@/components/ui/announcer";
import { pollIntervalMs } from "@/lib/generations/polling";
import { FINAL_STATUSES, type GenerationView, generationViewSchema } from "@/lib/generations/view";

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
  const response = await fetch(`/api/generations/${id}`, { signal, cache: "no-store" });
  if (response.status === 401) throw new SessionEndedError();
  if (response.status === 404) throw new StatusRequestError("This generation no longer exists.", 404);
  if (!response.ok)
    throw new StatusRequestError("Lost contact with the server; still trying.", response.status);
  return generationViewSchema.parse(await response.json());
}

export const generationQueryKey = (id: string) => ["generation", id] as const;

const isFinal = (view: GenerationView | undefined) => Boolean(view && FINAL_STATUSES.has(view.status));

/**
 * Polls a generation until it is final. React Query pauses the interval in hidden tabs and
 * shares one request between every component that shows the same generation.
 */
export function useGeneration(initial: GenerationView) {
  const query = useQuery({
    queryKey: generationQueryKey(initial.id),
    queryFn: ({ signal }) => fetchGeneration(initial.id, signal),
    initialData: initial,
    staleTime: (query) => (isFinal(query.state.data) ? Number.POSITIVE_INFINITY : 0),
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
      return pollIntervalMs(Date.now() - Date.parse(view.createdAt));
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
