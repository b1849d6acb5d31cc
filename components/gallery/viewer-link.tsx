"use client";

import type { ReactNode } from "react";
import { openViewer } from "./viewer-url";

/**
 * A link to the image's page that opens the in-page viewer instead on a plain click; a middle
 * click or Ctrl/⌘-click still opens the page in a new tab.
 */
export function ViewerLink({
  id,
  label,
  className,
  children,
}: {
  id: string;
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <a
      href={`/g/${id}`}
      aria-label={label}
      className={className}
      data-viewer-link
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        openViewer(id);
      }}
    >
      {children}
    </a>
  );
}
