"use client";

import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import { generationQueryKey, newerView } from "@/components/generations/use-generation";
import type { GenerationView } from "@/lib/generations/view";

export interface GalleryPage {
  items: GenerationView[];
  nextCursor: string | null;
}

export const galleryQueryKey = (search: string) => ["gallery", search] as const;

/** Rewrites every item of every gallery page held in the cache. */
function mapGalleryItems(client: QueryClient, map: (item: GenerationView) => GenerationView): void {
  client.setQueriesData<InfiniteData<GalleryPage>>({ queryKey: ["gallery"] }, (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map(map) })) } : data,
  );
}

/** Changes one generation wherever the cache holds it: its own entry and every gallery page. */
export function patchGeneration(
  client: QueryClient,
  id: string,
  patch: (view: GenerationView) => GenerationView,
): void {
  client.setQueryData<GenerationView>(generationQueryKey(id), (view) => view && patch(view));
  mapGalleryItems(client, (item) => (item.id === id ? patch(item) : item));
}

/**
 * Puts views the server pushed wherever the cache holds those generations, each only if newer than
 * what is there: a late poll answer must not undo a pushed final state, nor the reverse.
 */
export function applyGenerationViews(client: QueryClient, views: readonly GenerationView[]): void {
  const byId = new Map(views.map((view) => [view.id, view]));
  for (const view of views) {
    client.setQueryData<GenerationView>(generationQueryKey(view.id), (old) => newerView(old, view));
  }
  mapGalleryItems(client, (item) => {
    const view = byId.get(item.id);
    return view ? newerView(item, view) : item;
  });
}

/** Takes generations out of every gallery page held in the cache. */
export function forgetGenerations(client: QueryClient, ids: readonly string[]): void {
  const gone = new Set(ids);
  client.setQueriesData<InfiniteData<GalleryPage>>({ queryKey: ["gallery"] }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({ ...page, items: page.items.filter((g) => !gone.has(g.id)) })),
        }
      : data,
  );
  for (const id of ids) client.removeQueries({ queryKey: generationQueryKey(id), exact: true });
}
