"use client";

import { useEffect, useRef, useState } from "react";

const carriesFiles = (event: DragEvent) => Boolean(event.dataTransfer?.types.includes("Files"));

/**
 * Files dragged anywhere over the page show a full-page overlay and, when dropped, become
 * references. Drags that carry no files (text, reordering the tray) are left alone.
 */
export function PageDropZone({
  onFiles,
  message = "Drop images to edit them",
}: {
  onFiles: (files: File[]) => void;
  message?: string;
}) {
  const [active, setActive] = useState(false);
  // dragenter/dragleave fire for every child crossed; the overlay goes only when the count is back to 0.
  const depth = useRef(0);

  useEffect(() => {
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setActive(true);
    };
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setActive(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current = 0;
      setActive(false);
      onFiles([...(event.dataTransfer?.files ?? [])]);
    };
    window.addEventListener("dragenter", enter);
    window.addEventListener("dragover", over);
    window.addEventListener("dragleave", leave);
    window.addEventListener("drop", drop);
    return () => {
      window.removeEventListener("dragenter", enter);
      window.removeEventListener("dragover", over);
      window.removeEventListener("dragleave", leave);
      window.removeEventListener("drop", drop);
    };
  }, [onFiles]);

  if (!active) return null;
  return (
    <div
      data-testid="drop-overlay"
      className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-violet-900/40 p-6 backdrop-blur-sm"
    >
      <div className="rounded-2xl border-2 border-dashed border-white bg-violet-950/70 px-10 py-8 text-center text-white">
        <p className="text-lg font-semibold">{message}</p>
        <p className="mt-1 text-sm text-violet-100">They join the reference images as image 1, image 2, …</p>
      </div>
    </div>
  );
}

/**
 * Images pasted anywhere on the page become references. A paste that also carries text (copying
 * from a web page often does) still reaches the prompt: only a paste of nothing but files is
 * taken over.
 */
export function usePastedImages(onFiles: (files: File[]) => void) {
  useEffect(() => {
    const paste = (event: ClipboardEvent) => {
      const data = event.clipboardData;
      if (!data) return;
      const files = [...data.items]
        .filter((item) => item.kind === "file")
        .map((item) => item.getAsFile())
        .filter((file) => file !== null);
      if (files.length === 0) return;
      if (!data.types.includes("text/plain")) event.preventDefault();
      onFiles(files);
    };
    document.addEventListener("paste", paste);
    return () => document.removeEventListener("paste", paste);
  }, [onFiles]);
}
