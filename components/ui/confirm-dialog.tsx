"use client";

import type { ReactNode } from "react";
import { Button } from "./button";
import { Modal } from "./modal";

/**
 * A modal question: answered only with its buttons or Escape (which cancels), and the destructive
 * button is not the one focused first.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busyLabel = "Deleting…",
  busy = false,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busyLabel?: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Modal
      open={open}
      title={title}
      onClose={onCancel}
      closeButton={false}
      className="max-w-sm bg-white text-zinc-900"
    >
      <div className="text-sm text-zinc-600">{children}</div>
      <div className="mt-5 flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} autoFocus>
          Cancel
        </Button>
        <Button
          className="bg-red-700 hover:bg-red-800 disabled:bg-red-300"
          onClick={onConfirm}
          disabled={busy}
        >
          {busy ? busyLabel : confirmLabel}
        </Button>
      </div>
    </Modal>
  );
}
