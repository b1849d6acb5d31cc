"use client";

import { type InfiniteData, useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import * as z from "zod/mini";
import { deleteGenerationsAction } from "@/app/(studio)/gallery/actions";
import { SessionEndedError } from "@/components/session/session-ended";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { BoardView } from "@/lib/collections/board-view";
import { collapseBatches } from "@/lib/generations/batch-groups";
import type { GalleryFilters } from "@/lib/generations/gallery-filters";
import { galleryQueryString } from "@/lib/generations/gallery-query";
import { generationViewSchema } from "@/lib/generations/view";
import { forgetGenerations, type GalleryPage, galleryQueryKey } from "./gallery-cache";
import { GalleryFilterBar } from "./gallery-filter-bar";
import { GalleryGrid } from "./gallery-grid";
import { ImageViewerProvider } from "./image-viewer-provider";
import { replaceUrl } from "./viewer-url";

const pageSchema = z.object({ items: z.array(generationViewSchema), nextCursor: z.nullable(z.string()) });

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
  initialBoards,
  initialListWidth,
}: {
  initialPage: GalleryPage;
  initialFilters: GalleryFilters;
  initialBoards: BoardView[];
  /** The server's guess of the list's width, from the browser's hint: the first paint's columns. */
  initialListWidth: number;
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
    const key = galleryQueryKey(galleryQueryString(initialFilters));
    const cached = queryClient.getQueryData<InfiniteData<GalleryPage>>(key);
    const ids = (page: GalleryPage | undefined) => page?.items.map((item) => item.id).join() ?? "";
    if (cached && ids(cached.pages[0]) !== ids(initialPage)) {
      queryClient.setQueryData(key, { pages: [initialPage], pageParams: [null] });
    }
  });

  const query = useInfiniteQuery({
    queryKey: galleryQueryKey(galleryQueryString(filters)),
    queryFn: ({ pageParam, signal }) => fetchGalleryPage(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: sameFilters(filters, initialFilters)
      ? { pages: [initialPage], pageParams: [null] }
      : undefined,
    staleTime: 30_000,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const pages = useMemo(() => query.data?.pages.map((page) => page.items) ?? [], [query.data]);
  const items = useMemo(() => pages.flat(), [pages]);
  // A batch shows as one tile until expanded, however the pages split it; the viewer still steps
  // through every image.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const { shown, all, batches } = useMemo(() => collapseBatches(pages, expanded), [pages, expanded]);
  const toggleBatch = useCallback(
    (batchId: string) =>
      setExpanded((current) => {
        const next = new Set(current);
        if (!next.delete(batchId)) next.add(batchId);
        return next;
      }),
    [],
  );

  // The URL follows the filters (shareable, survives a reload) without a server round trip; an
  // open viewer (?view=) stays open.
  useEffect(() => {
    const params = new URLSearchParams(galleryQueryString(filters));
    const current = new URLSearchParams(window.location.search);
    const view = current.get("view");
    if (view) params.set("view", view);
    params.sort();
    current.sort();
    // Unchanged (as on the first render): leave history alone.
    if (params.toString() !== current.toString()) {
      const search = params.toString();
      replaceUrl(search ? `/gallery?${search}` : "/gallery");
    }
    // Kept as it is when already empty: a new set would render every tile again for nothing.
    setSelected((current) => (current.size === 0 ? current : new Set()));
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

  const forget = useCallback(
    (ids: readonly string[]) => {
      const gone = new Set(ids);
      forgetGenerations(queryClient, ids);
      setSelected((current) => new Set([...current].filter((id) => !gone.has(id))));
    },
    [queryClient],
  );
  const toggle = useCallback(
    (id: string, on: boolean) =>
      setSelected((current) => {
        const next = new Set(current);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
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
  const filtered = Boolean(filters.q || filters.mode || filters.status || filters.starred || filters.board);

  return (
    <ImageViewerProvider items={all} onDeleted={forget} onReachEnd={loadMore}>
      <div className="space-y-5">
        <GalleryFilterBar filters={filters} onChange={setFilters} initialBoards={initialBoards} />
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
            {filters.board && !filters.q && !filters.mode && !filters.status && !filters.starred ? (
              "Nothing on this board yet: choose Add to board… in an image's menu."
            ) : filtered ? (
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
          <GalleryGrid
            items={shown}
            initialWidth={initialListWidth}
            batches={batches}
            selected={selected}
            onSelect={toggle}
            onToggleBatch={toggleBatch}
          />
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
    </ImageViewerProvider>
  );
}
