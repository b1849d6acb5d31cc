"use client";

import { Modal } from "@/components/ui/modal";

// Loaded when first asked for (the ? key): not part of a page's first load.
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
