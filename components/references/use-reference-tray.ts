"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import * as z from "zod/mini";
import type { ImageView } from "@/lib/generations/view";
import { checkReferenceFile } from "@/lib/media/check-reference-file";
import { MAX_REFERENCES } from "@/lib/media/reference-limits";
import { uploadReference } from "./upload-reference";

export interface TrayItem {
  key: string;
  name: string;
  previewSrc: string;
  width: number;
  height: number;
  /** Null while the file is still uploading. */
  mediaId: string | null;
  /** Percent sent so far, while uploading. */
  progress?: number;
}

export interface Rejection {
  key: string;
  message: string;
}

export interface ReferenceTray {
  items: TrayItem[];
  rejections: Rejection[];
  uploading: boolean;
  addFiles(files: File[]): Promise<void>;
  addExisting(image: ImageView, name: string): void;
  move(from: number, to: number): void;
  remove(index: number): void;
  dismissRejections(): void;
}

// Per user, so someone signing in on the same tab never sees the previous person's tray.
const storageKey = (userId: string) => `seedream-studio:references:${userId}`;
const storedItemsSchema = z.array(
  z.object({
    key: z.string(),
    name: z.string(),
    previewSrc: z.string().check(z.startsWith("/media/")),
    width: z.number(),
    height: z.number(),
    mediaId: z.uuid(),
  }),
);

let counter = 0;
const nextKey = () => `ref-${Date.now().toString(36)}-${(counter++).toString(36)}`;
const fullMessage = (name: string) =>
  `${name} was not added: an edit can use at most ${MAX_REFERENCES} reference images.`;

/**
 * The references of the next edit, in prompt order ("image 1" first). Files are checked in the
 * browser at once, then uploaded; the server checks them again. Uploaded references survive a
 * reload of the tab (session storage holds only ids and thumbnail paths).
 */
export function useReferenceTray(
  userId: string,
  initial: { image: ImageView; name: string }[] = [],
  { replaceStored = false }: { replaceStored?: boolean } = {},
): ReferenceTray {
  const [items, setItems] = useState<TrayItem[]>([]);
  const [rejections, setRejections] = useState<Rejection[]>([]);
  // Decisions about room in the tray are made synchronously against the latest list, even when
  // several files arrive before React re-renders.
  const current = useRef<TrayItem[]>([]);
  const objectUrls = useRef(new Set<string>());
  const restored = useRef(false);

  const update = useCallback((change: (items: TrayItem[]) => TrayItem[]) => {
    current.current = change(current.current);
    setItems(current.current);
  }, []);

  const reject = useCallback((messages: string[]) => {
    if (messages.length === 0) return;
    setRejections((list) => [...list, ...messages.map((message) => ({ key: nextKey(), message }))]);
  }, []);

  const release = useCallback((src: string) => {
    if (objectUrls.current.has(src)) {
      URL.revokeObjectURL(src);
      objectUrls.current.delete(src);
    }
  }, []);

  const addExisting = useCallback(
    (image: ImageView, name: string) => {
      const position = current.current.findIndex((item) => item.mediaId === image.id);
      if (position >= 0) {
        reject([`That image is already in the references as image ${position + 1}.`]);
        return;
      }
      if (current.current.length >= MAX_REFERENCES) {
        reject([fullMessage(name)]);
        return;
      }
      update((list) => [
        ...list,
        {
          key: nextKey(),
          name,
          previewSrc: image.thumbnailSrc,
          width: image.width,
          height: image.height,
          mediaId: image.id,
        },
      ]);
    },
    [reject, update],
  );

  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    try {
      const saved = storedItemsSchema.safeParse(
        JSON.parse(sessionStorage.getItem(storageKey(userId)) ?? "[]"),
      );
      // A remix brings its own references; "Edit this" adds to the ones already gathered.
      if (saved.success && !replaceStored) update(() => saved.data.slice(0, MAX_REFERENCES));
    } catch {
      // Unreadable session storage: start with an empty tray.
    }
    for (const { image, name } of initial) addExisting(image, name);
  }, [userId, initial, replaceStored, addExisting, update]);

  useEffect(() => {
    if (!restored.current) return;
    const ready = items.filter((item) => item.mediaId !== null && item.previewSrc.startsWith("/media/"));
    sessionStorage.setItem(storageKey(userId), JSON.stringify(ready));
  }, [userId, items]);

  useEffect(() => {
    const urls = objectUrls.current;
    return () => {
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, []);

  const addFiles = useCallback(
    async (files: File[]) => {
      if (files.length === 0) return;
      setRejections([]);
      const checks = await Promise.all(files.map(checkReferenceFile));
      const problems: string[] = [];
      const accepted: { file: File; item: TrayItem }[] = [];
      files.forEach((file, index) => {
        const check = checks[index];
        const name = file.name || "The pasted image";
        if (!check?.ok) {
          problems.push(check?.message ?? `${name} could not be read.`);
          return;
        }
        if (current.current.length + accepted.length >= MAX_REFERENCES) {
          problems.push(fullMessage(name));
          return;
        }
        const previewSrc = URL.createObjectURL(file);
        objectUrls.current.add(previewSrc);
        accepted.push({
          file,
          item: { key: nextKey(), name, previewSrc, width: check.width, height: check.height, mediaId: null },
        });
      });
      reject(problems);
      update((list) => [...list, ...accepted.map((a) => a.item)]);
      await Promise.all(
        accepted.map(async ({ file, item }) => {
          const result = await uploadReference(file, (progress) =>
            update((list) => list.map((entry) => (entry.key === item.key ? { ...entry, progress } : entry))),
          );
          release(item.previewSrc);
          if (result.ok) {
            const { image } = result;
            update((list) =>
              list.map((entry) =>
                entry.key === item.key
                  ? {
                      ...entry,
                      mediaId: image.id,
                      previewSrc: image.thumbnailSrc,
                      width: image.width,
                      height: image.height,
                    }
                  : entry,
              ),
            );
          } else {
            update((list) => list.filter((entry) => entry.key !== item.key));
            reject([result.message]);
          }
        }),
      );
    },
    [reject, release, update],
  );

  const move = useCallback(
    (from: number, to: number) =>
      update((list) => {
        if (to < 0 || to >= list.length || from === to) return list;
        const next = [...list];
        const [moved] = next.splice(from, 1);
        if (moved) next.splice(to, 0, moved);
        return next;
      }),
    [update],
  );

  const remove = useCallback(
    (index: number) =>
      update((list) => {
        const removed = list[index];
        if (removed) release(removed.previewSrc);
        return list.filter((_, i) => i !== index);
      }),
    [release, update],
  );

  return {
    items,
    rejections,
    uploading: items.some((item) => item.mediaId === null),
    addFiles,
    addExisting,
    move,
    remove,
    dismissRejections: useCallback(() => setRejections([]), []),
  };
}
