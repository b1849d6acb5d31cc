"use client";

import { type ReactNode, type RefObject, useEffect, useId, useRef, useState } from "react";

/**
 * False until `open` is first true, then true for good: a dialog loaded on demand mounts when first
 * opened and stays mounted, so that closing it still goes through <dialog>.close() (focus returns).
 */
export function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open;
}

/** Shows a <dialog> as a modal while `open`, and closes it when not. */
export function useModal(open: boolean): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return dialog;
}

/**
 * A modal on <dialog>: focus moves in (to the first control) and is trapped, Escape and the Close
 * button call onClose. A question that must be answered with its own buttons leaves out the Close button.
 */
export function Modal({
  open,
  title,
  onClose,
  children,
  className = "max-w-md",
  closeButton = true,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  closeButton?: boolean;
}) {
  const dialog = useModal(open);
  const titleId = useId();
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className={`m-auto w-full rounded-xl p-5 shadow-xl backdrop:bg-zinc-900/40 ${className}`}
    >
      {open && (
        <>
          <div className="mb-3 flex items-start justify-between gap-4">
            <h2 id={titleId} className="text-base font-semibold">
              {title}
            </h2>
            {closeButton && (
              <button
                type="button"
                onClick={onClose}
                className="rounded-md px-2 text-zinc-500 hover:bg-zinc-100"
                aria-label="Close"
              >
                ✕
              </button>
            )}
          </div>
          {children}
        </>
      )}
    </dialog>
  );
}
