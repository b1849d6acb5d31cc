"use client";

import { type ReactNode, useEffect, useRef } from "react";

/**
 * A disclosure menu on <details>: keyboard-operable as is, and closed again by Escape (focus
 * goes back to its button) or by a click anywhere else.
 */
export function ActionsMenu({ label, children }: { label: string; children: ReactNode }) {
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (event: PointerEvent) => {
      const element = details.current;
      if (element?.open && !element.contains(event.target as Node)) element.open = false;
    };
    document.addEventListener("pointerdown", close);
    return () => document.removeEventListener("pointerdown", close);
  }, []);
  return (
    <details
      ref={details}
      className="relative"
      onKeyDown={(event) => {
        const element = details.current;
        if (event.key === "Escape" && element?.open) {
          element.open = false;
          element.querySelector("summary")?.focus();
        }
      }}
    >
      <summary className="cursor-pointer list-none rounded-md px-2 py-1 text-zinc-600 hover:bg-zinc-100">
        <span aria-hidden>⋯</span>
        <span className="sr-only">{label}</span>
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-44 rounded-lg border border-zinc-200 bg-white p-1 shadow-lg">
        {children}
      </div>
    </details>
  );
}
