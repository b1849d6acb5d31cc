"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { SessionEndedError } from "@/components/session/session-ended";
import { type BoardView, boardListSchema } from "@/lib/collections/board-view";

export const boardsQueryKey = (generationId?: string) =>
  generationId ? (["boards", generationId] as const) : (["boards"] as const);

async function fetchBoards(generationId: string | undefined, signal: AbortSignal): Promise<BoardView[]> {
  const query = generationId ? `?generationId=${generationId}` : "";
  const response = await fetch(`/api/collections${query}`, { signal, cache: "no-store" });
  if (response.status === 401) throw new SessionEndedError();
  if (!response.ok) throw new Error("Could not load your boards.");
  return boardListSchema.parse(await response.json()).boards;
}

/** The user's boards; with an image, which of them hold it. */
export function useBoards(generationId?: string, initial?: BoardView[]) {
  return useQuery({
    queryKey: boardsQueryKey(generationId),
    queryFn: ({ signal }) => fetchBoards(generationId, signal),
    initialData: initial,
    staleTime: 30_000,
  });
}

/** After any change to boards: every list of them, and gallery pages filtered by one, are stale. */
export function useBoardsChanged(): () => void {
  const client = useQueryClient();
  return useCallback(() => {
    void client.invalidateQueries({ queryKey: ["boards"] });
    void client.invalidateQueries({
      queryKey: ["gallery"],
      predicate: (query) => String(query.queryKey[1]).includes("board="),
    });
  }, [client]);
}
