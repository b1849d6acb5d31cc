"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { setStarredAction } from "@/app/(studio)/gallery/actions";
import { announce } from "@/components/ui/announcer";
import { patchGeneration } from "./gallery-cache";

/**
 * Stars at once, everywhere the image shows (the cache is the one source: grid, card, viewer and
 * image page read it), then settles with the server; a refusal puts the star back and says why.
 */
export function useStar(): (id: string, starred: boolean) => Promise<void> {
  const client = useQueryClient();
  return useCallback(
    async (id: string, starred: boolean) => {
      const set = (value: boolean) => patchGeneration(client, id, (view) => ({ ...view, starred: value }));
      set(starred);
      announce(starred ? "Starred" : "Unstarred");
      try {
        const result = await setStarredAction({ id, starred });
        if (!result.ok) throw new Error(result.error.message);
      } catch (caught) {
        set(!starred);
        announce(`Failed: ${caught instanceof Error ? caught.message : "could not save the star."}`);
      }
    },
    [client],
  );
}
