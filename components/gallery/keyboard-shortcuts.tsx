"use client";

import { useEffect } from "react";
import { Modal } from "@/components/ui/modal";

export const SHORTCUTS: [keys: string, what: string][] = [
  ["/", "Search the gallery"],
  ["← → ↑ ↓", "Move between images in the gallery"],
  ["Enter", "Open the focused image"],
  ["← →", "Previous and next image in the viewer"],
  ["+ −", "Zoom in and out in the viewer"],
  ["S", "Star or unstar the focused or open image"],
  ["Esc", "Close the viewer, a menu or a dialog"],
  ["?", "Show these shortcuts"],
];

const typingInto = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** Single-key shortcuts, ignored while typing and with Ctrl, Alt or Meta held. */
export function useShortcuts(handlers: { star: (target: Element | null) => void; help: () => void }) {
  const { star, help } = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (typingInto(event.target)) return;
      if (event.key === "/") {
        const search = document.querySelector<HTMLInputElement>("[data-shortcut=search]");
        if (!search) return;
        search.focus();
        search.select();
      } else if (event.key === "?") help();
      else if (event.key === "s" || event.key === "S") star(document.activeElement);
      else return;
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [star, help]);
}

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal open={open} title="Keyboard shortcuts" onClose={onClose}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={`${keys}${what}`} className="contents">
            <dt>
              <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 font-mono text-xs">
                {keys}
              </kbd>
            </dt>
            <dd className="text-zinc-700">{what}</dd>
          </div>
        ))}
      </dl>
    </Modal>
  );
}
