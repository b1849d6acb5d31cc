"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { SessionEndedError } from "@/components/session/session-ended";
import { type Allowance, allowanceQueryKey, allowanceSchema } from "@/lib/billing/allowance";

async function fetchAllowance(signal?: AbortSignal): Promise<Allowance> {
  const response = await fetch("/api/allowance", { signal, cache: "no-store" });
  if (response.status === 401) throw new SessionEndedError();
  if (!response.ok) throw new Error("Could not read what is left of your limits.");
  return allowanceSchema.parse(await response.json());
}

/** The cost of a click and what is left, from the page at first and from the server after. */
export function useAllowance(initial: Allowance) {
  return useQuery({
    queryKey: allowanceQueryKey,
    queryFn: ({ signal }) => fetchAllowance(signal),
    initialData: initial,
    // The page brought it fresh; submits and settled generations invalidate it explicitly.
    staleTime: 30_000,
  });
}

/** Marks what is left as out of date: after a submit, a retry, or a generation that settled. */
export function useRefreshAllowance(): () => void {
  const client = useQueryClient();
  return useCallback(() => void client.invalidateQueries({ queryKey: allowanceQueryKey }), [client]);
}
