"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { deleteGenerationsAction } from "@/app/(studio)/gallery/actions";
import { fetchGeneration, generationQueryKey } from "@/components/generations/use-generation";
import { announce } from "@/components/ui/announcer";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useOpenedOnce } from "@/components/ui/modal";
import { onDemand } from "@/components/ui/on-demand";
import type { GenerationView, ImageView } from "@/lib/generations/view";
import { forgetGenerations } from "./gallery-cache";
import { type ImageActionHandlers, imageActionsFor } from "./image-actions";
import { useShortcuts } from "./keyboard-shortcuts";
import { useStar } from "./use-star";
import { closeViewer, currentViewedId, moveViewer, openViewer, useViewedId } from "./viewer-url";

// What only a person's action opens (the viewer, the menu, the boards and shortcuts dialogs) loads
// when first opened, not with the page: a page's first load carries the tiles or cards alone.
const Lightbox = onDemand(() => import("./lightbox").then((module) => module.Lightbox));
const ImageMenu = onDemand(() => import("./image-menu").then((module) => module.ImageMenu));
const BoardsDialog = onDemand(() =>
  import("@/components/collections/boards-dialog").then((module) => module.BoardsDialog),
);
const ShortcutsDialog = onDemand(() => import("./shortcuts-dialog").then((module) => module.ShortcutsDialog));

interface ImageViewerContext {
  /** What the menus, the viewer and the image page offer for this image. */
  handlersFor: (generation: GenerationView) => ImageActionHandlers;
  openMenu: (generation: GenerationView, trigger: HTMLElement) => void;
  menuOpenFor: string | null;
  star: (id: string, starred: boolean) => void;
}

const Context = createContext<ImageViewerContext | null>(null);

export function useImageViewer(): ImageViewerContext {
  const context = useContext(Context);
  if (!context) throw new Error("useImageViewer outside an ImageViewerProvider");
  return context;
}

/**
 * One per page that shows images: the viewer (?view=<id>), the actions menu, the delete and
 * boards dialogs and the keyboard shortcuts, shared by every tile or card on it instead of one
 * of each per tile.
 */
export function ImageViewerProvider({
  items,
  onDeleted,
  onEdit,
  onReachEnd,
  children,
}: {
  /** The list the viewer steps through with ← and →, in the page's order. */
  items: readonly GenerationView[];
  onDeleted?: (ids: string[]) => void;
  /** Edit in place (the studio puts the image into its composer). */
  onEdit?: (image: ImageView, name: string) => void;
  /** The viewer shows the list's last image: load more, if there is more. */
  onReachEnd?: () => void;
  children: ReactNode;
}) {
  const client = useQueryClient();
  const starInCache = useStar();
  const viewedId = useViewedId();
  const [menu, setMenu] = useState<{ generation: GenerationView; trigger: HTMLElement } | null>(null);
  const [deleting, setDeleting] = useState<GenerationView | null>(null);
  const [busy, setBusy] = useState(false);
  const [boardsFor, setBoardsFor] = useState<GenerationView | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [toast, setToast] = useState<string | null>(null);
  const boardsLoaded = useOpenedOnce(boardsFor !== null);
  const helpLoaded = useOpenedOnce(helpOpen);

  // Closing the viewer puts focus on the image it last showed (where the arrows left off), or
  // nowhere new when that tile is not in the page.
  const lastViewed = useRef<string | null>(null);
  useEffect(() => {
    if (viewedId) {
      lastViewed.current = viewedId;
      return;
    }
    const id = lastViewed.current;
    lastViewed.current = null;
    if (!id) return;
    requestAnimationFrame(() =>
      document
        .querySelector<HTMLElement>(`[data-generation-id="${CSS.escape(id)}"] [data-viewer-link]`)
        ?.focus(),
    );
  }, [viewedId]);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 4000);
    return () => clearTimeout(timer);
  }, [toast]);
  const notify = useCallback((text: string) => {
    setToast(text);
    announce(text);
  }, []);

  const current = useCallback(
    (id: string) =>
      client.getQueryData<GenerationView>(generationQueryKey(id)) ?? items.find((g) => g.id === id),
    [client, items],
  );
  const star = useCallback((id: string, starred: boolean) => void starInCache(id, starred), [starInCache]);

  const handlersFor = useCallback(
    (generation: GenerationView): ImageActionHandlers => ({
      open: () => openViewer(generation.id),
      star: () => star(generation.id, !(current(generation.id)?.starred ?? generation.starred)),
      copy: () =>
        void navigator.clipboard.writeText(generation.prompt).then(
          () => notify("Prompt copied."),
          () => notify("Failed: the browser did not allow copying; select the prompt and copy it."),
        ),
      boards: () => setBoardsFor(generation),
      remove: () => setDeleting(generation),
      edit:
        onEdit && generation.image
          ? () => {
              if (!generation.image) return;
              if (viewedId) closeViewer();
              onEdit(generation.image, generation.prompt);
            }
          : undefined,
    }),
    [star, current, notify, onEdit, viewedId],
  );

  useShortcuts({
    star: useCallback(
      (target: Element | null) => {
        const id = target?.closest("[data-generation-id]")?.getAttribute("data-generation-id");
        const generation = id ? current(id) : undefined;
        if (generation) star(generation.id, !generation.starred);
      },
      [current, star],
    ),
    help: useCallback(() => setHelpOpen(true), []),
  });

  const remove = async () => {
    if (!deleting) return;
    setBusy(true);
    try {
      const result = await deleteGenerationsAction({ ids: [deleting.id] });
      if (!result.ok) throw new Error(result.error.message);
      if (viewedId === deleting.id) {
        const index = items.findIndex((g) => g.id === deleting.id);
        const neighbour = items[index + 1] ?? items[index - 1];
        if (neighbour) moveViewer(neighbour.id);
        else closeViewer();
      }
      forgetGenerations(client, result.data.deleted);
      onDeleted?.(result.data.deleted);
      notify("Image deleted.");
    } catch (caught) {
      notify(`Failed: ${caught instanceof Error ? caught.message : "could not delete."}`);
    } finally {
      setBusy(false);
      setDeleting(null);
    }
  };

  const context = useMemo<ImageViewerContext>(
    () => ({
      handlersFor,
      openMenu: (generation, trigger) => setMenu({ generation, trigger }),
      menuOpenFor: menu?.generation.id ?? null,
      star,
    }),
    [handlersFor, menu, star],
  );
  const closeMenu = useCallback(() => setMenu(null), []);
  const menuGeneration = menu && (current(menu.generation.id) ?? menu.generation);

  return (
    <Context.Provider value={context}>
      {children}
      {viewedId && (
        <ViewerFor id={viewedId} items={items} handlersFor={handlersFor} onReachEnd={onReachEnd} />
      )}
      {menu && menuGeneration && (
        <ImageMenu
          key={menu.generation.id}
          label={`Actions: ${menuGeneration.prompt}`}
          actions={imageActionsFor(menuGeneration, handlersFor(menuGeneration))}
          trigger={menu.trigger}
          onClose={closeMenu}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this image?"
        confirmLabel="Delete"
        busy={busy}
        onConfirm={remove}
        onCancel={() => setDeleting(null)}
      >
        The image and its stored files are removed and any share links to it stop working. This cannot be
        undone.
      </ConfirmDialog>
      {boardsLoaded && <BoardsDialog generation={boardsFor} onClose={() => setBoardsFor(null)} />}
      {helpLoaded && <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />}
      {toast && (
        <p
          data-testid="toast"
          className="fixed bottom-4 left-1/2 z-50 -translate-x-1/2 rounded-lg bg-zinc-900 px-4 py-2 text-sm text-white shadow-lg"
        >
          {toast}
        </p>
      )}
    </Context.Provider>
  );
}

/** The viewer on the image in the URL: from the page's list, or fetched when it is not in it. */
function ViewerFor({
  id,
  items,
  handlersFor,
  onReachEnd,
}: {
  id: string;
  items: readonly GenerationView[];
  handlersFor: (generation: GenerationView) => ImageActionHandlers;
  onReachEnd?: () => void;
}) {
  const index = items.findIndex((g) => g.id === id);
  const atEnd = index >= 0 && index === items.length - 1;
  useEffect(() => {
    if (atEnd) onReachEnd?.();
  }, [atEnd, onReachEnd]);
  const listed = index >= 0 ? items[index] : undefined;
  const fetched = useQuery({
    queryKey: generationQueryKey(id),
    queryFn: ({ signal }) => fetchGeneration(id, signal),
    enabled: !listed,
    retry: false,
  });
  const generation = listed ?? fetched.data;
  useEffect(() => {
    // An id that is not (or no longer) the user's: close rather than show an empty viewer.
    if (!listed && fetched.isError) closeViewer();
  }, [listed, fetched.isError]);
  if (!generation) return null;
  const previous = index > 0 ? items[index - 1] : undefined;
  const next = index >= 0 ? items[index + 1] : undefined;
  // Keys can repeat faster than the page re-renders: each step starts from the address as it is
  // now, not from the image this render shows, so two quick presses move two images.
  const step = (offset: 1 | -1) => {
    const from = items.findIndex((g) => g.id === currentViewedId());
    const target = items[(from >= 0 ? from : index) + offset];
    if (target) moveViewer(target.id);
  };
  return (
    <Lightbox
      initial={generation}
      position={index >= 0 ? { index, total: items.length } : null}
      onPrevious={previous && (() => step(-1))}
      onNext={next && (() => step(1))}
      onClose={closeViewer}
      handlers={handlersFor(generation)}
    />
  );
}
