"use client";

import { type InfiniteData, useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { z } from "zod/mini";
import { deleteGenerationsAction } from "@/app/(studio)/gallery/actions";
import { SessionEndedError } from "@/components/session/session-ended";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { type GalleryFilters, galleryQueryString } from "@/lib/generations/gallery-filters";
import { generationViewSchema } from "@/lib/generations/view";
import { GalleryFilterBar } from "./gallery-filter-bar";
import { GalleryTile } from "./gallery-tile";

const pageSchema = z.object({ items: z.array(generationViewSchema), nextCursor: z.nullable(z.string()) });
export type GalleryPage = z.infer<typeof pageSchema>;

async function fetchGalleryPage(filters: GalleryFilters, cursor: string | null, signal: AbortSignal) {
  const query = galleryQueryString(filters, cursor ? { cursor } : {});
  const response = await fetch(`/api/gallery?${query}`, { signal, cache: "no-store" });
  if (response.status === 401) throw new SessionEndedError();
  if (!response.ok) throw new Error("Could not load your images.");
  return pageSchema.parse(await response.json());
}

const sameFilters = (a: GalleryFilters, b: GalleryFilters) => galleryQueryString(a) === galleryQueryString(b);

export function Gallery({
  initialPage,
  initialFilters,
}: {
  initialPage: GalleryPage;
  initialFilters: GalleryFilters;
}) {
  const [filters, setFilters] = useState(initialFilters);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const sentinel = useRef<HTMLDivElement>(null);
  const zipForm = useRef<HTMLFormElement>(null);

  // Coming back to the gallery keeps the pages already scrolled through (and so the scroll
  // position), unless the server's first page shows something changed meanwhile: then it starts
  // over from that page. Done before the query first renders, so stale tiles never flash.
  useState(() => {
    const key = ["gallery", galleryQueryString(initialFilters)];
    const cached = queryClient.getQueryData<InfiniteData<GalleryPage>>(key);
    const ids = (page: GalleryPage | undefined) => page?.items.map((item) => item.id).join() ?? "";
    if (cached && ids(cached.pages[0]) !== ids(initialPage)) {
      queryClient.setQueryData(key, { pages: [initialPage], pageParams: [null] });
    }
  });

  const query = useInfiniteQuery({
    queryKey: ["gallery", galleryQueryString(filters)],
    queryFn: ({ pageParam, signal }) => fetchGalleryPage(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: sameFilters(filters, initialFilters)
      ? { pages: [initialPage], pageParams: [null] }
      : undefined,
    staleTime: 30_000,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];

  // The URL follows the filters (shareable, survives a reload) without a server round trip.
  useEffect(() => {
    const search = galleryQueryString(filters);
    window.history.replaceState(null, "", search ? `/gallery?${search}` : "/gallery");
    setSelected(new Set());
  }, [filters]);

  useEffect(() => {
    const element = sentinel.current;
    if (!element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting) && hasNextPage && !isFetchingNextPage) {
          void fetchNextPage();
        }
      },
      { rootMargin: "800px 0px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const forget = (ids: readonly string[]) => {
    const gone = new Set(ids);
    queryClient.setQueriesData<InfiniteData<GalleryPage>>({ queryKey: ["gallery"] }, (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) => ({ ...page, items: page.items.filter((g) => !gone.has(g.id)) })),
          }
        : data,
    );
    setSelected((current) => new Set([...current].filter((id) => !gone.has(id))));
  };
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const deleteSelected = async () => {
    setDeleting(true);
    try {
      const result = await deleteGenerationsAction({ ids: [...selected] });
      if (!result.ok) throw new Error(result.error.message);
      forget(result.data.deleted);
      setNotice(`Deleted ${result.data.deleted.length} image${result.data.deleted.length === 1 ? "" : "s"}.`);
    } catch (caught) {
      setNotice(caught instanceof Error ? caught.message : "Could not delete.");
    } finally {
      setDeleting(false);
      setConfirming(false);
    }
  };
  const filtered = Boolean(filters.q || filters.mode || filters.status || filters.starred);

  return (
    <div className="space-y-5">
      <GalleryFilterBar filters={filters} onChange={setFilters} />
      {selected.size > 0 && (
        <div
          role="toolbar"
          aria-label="Selection"
          className="sticky top-2 z-10 flex flex-wrap items-center gap-3 rounded-xl border border-violet-200 bg-violet-50 p-3 text-sm shadow-sm"
        >
          <span className="font-medium">{selected.size} selected</span>
          <Button variant="secondary" onClick={() => zipForm.current?.requestSubmit()}>
            Download as zip
          </Button>
          <Button variant="secondary" className="text-red-700" onClick={() => setConfirming(true)}>
            Delete selected…
          </Button>
          <Button variant="ghost" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
          <form ref={zipForm} method="post" action="/api/generations/zip" hidden>
            {[...selected].map((id) => (
              <input key={id} type="hidden" name="ids" value={id} />
            ))}
          </form>
        </div>
      )}
      {notice && (
        <p role="status" className="text-sm text-zinc-700">
          {notice}
        </p>
      )}
      {query.isPending ? (
        <p role="status" className="text-sm text-zinc-500">
          Loading…
        </p>
      ) : query.isError && items.length === 0 ? (
        <p role="alert" className="text-sm text-red-700">
          {query.error.message}{" "}
          <button type="button" className="underline" onClick={() => void query.refetch()}>
            Try again
          </button>
        </p>
      ) : items.length === 0 ? (
        <p className="text-sm text-zinc-600">
          {filtered ? (
            "Nothing matches these filters."
          ) : (
            <>
              Nothing here yet.{" "}
              <Link href="/" className="text-violet-700 underline">
                Make your first image
              </Link>
              .
            </>
          )}
        </p>
      ) : (
        <ul
          aria-label="Images"
          className="grid grid-cols-2 items-start gap-4 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-5"
        >
          {items.map((generation) => (
            <GalleryTile
              key={generation.id}
              initial={generation}
              selected={selected.has(generation.id)}
              onSelect={(on) => toggle(generation.id, on)}
              onDeleted={(id) => forget([id])}
            />
          ))}
        </ul>
      )}
      <div ref={sentinel} className="flex justify-center py-4 text-sm text-zinc-500">
        {hasNextPage ? (
          <Button variant="secondary" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
            {isFetchingNextPage ? "Loading more…" : "Load more"}
          </Button>
        ) : (
          items.length > 0 && <span>That is everything: {items.length} images.</span>
        )}
      </div>
      {query.isFetchNextPageError && (
        <p role="alert" className="text-center text-sm text-red-700">
          Could not load more images. Press Load more to try again.
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Delete ${selected.size} image${selected.size === 1 ? "" : "s"}?`}
        confirmLabel="Delete"
        busy={deleting}
        onConfirm={deleteSelected}
        onCancel={() => setConfirming(false)}
      >
        Their stored files are removed and any share links to them stop working. This cannot be undone.
      </ConfirmDialog>
    </div>
  );
}
