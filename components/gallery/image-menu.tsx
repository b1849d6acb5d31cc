"use client";

import { useEffect, useLayoutEffect, useRef } from "react";
import { ActionControl, type ImageAction } from "./image-actions";

const itemClass =
  "flex w-full items-center justify-between rounded-md px-3 py-1.5 text-left text-sm text-zinc-800 outline-none hover:bg-zinc-100 focus-visible:bg-zinc-100";
const MENU_WIDTH = 208;

/**
 * The page's one actions menu, placed under whichever tile or card's button opened it. Arrow keys
 * move through it; Escape, Tab or a click elsewhere close it and focus goes back to the button.
 */
export function ImageMenu({
  label,
  actions,
  trigger,
  onClose,
}: {
  label: string;
  actions: ImageAction[];
  trigger: HTMLElement;
  onClose: () => void;
}) {
  const menu = useRef<HTMLDivElement>(null);
  // Placed before the first paint, then the first item takes focus (a hidden element cannot).
  useLayoutEffect(() => {
    const element = menu.current;
    if (!element) return;
    const rect = trigger.getBoundingClientRect();
    const height = element.offsetHeight;
    const below = rect.bottom + 4;
    const above = rect.top - height - 4;
    const top = below + height > window.innerHeight && above > 0 ? above : below;
    const left = Math.max(8, Math.min(rect.right - MENU_WIDTH, window.innerWidth - MENU_WIDTH - 8));
    Object.assign(element.style, { top: `${top}px`, left: `${left}px`, visibility: "visible" });
    element.querySelector<HTMLElement>("[role=menuitem]")?.focus({ preventScroll: true });
  }, [trigger]);

  useEffect(() => {
    const close = (event: Event) => {
      if (menu.current?.contains(event.target as Node) || trigger.contains(event.target as Node)) return;
      onClose();
    };
    const closeOnScroll = () => onClose();
    document.addEventListener("pointerdown", close);
    window.addEventListener("scroll", closeOnScroll, { passive: true });
    return () => {
      document.removeEventListener("pointerdown", close);
      window.removeEventListener("scroll", closeOnScroll);
    };
  }, [trigger, onClose]);

  const closeAndRefocus = () => {
    onClose();
    trigger.focus();
  };
  return (
    <div
      ref={menu}
      role="menu"
      aria-label={label}
      tabIndex={-1}
      style={{ width: MENU_WIDTH }}
      className="invisible fixed top-0 left-0 z-40 rounded-lg border border-zinc-200 bg-white p-1 shadow-lg"
      onKeyDown={(event) => {
        const items = [...(menu.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
        const at = items.indexOf(document.activeElement as HTMLElement);
        const focusAt = (index: number) => items[(index + items.length) % items.length]?.focus();
        if (event.key === "ArrowDown") focusAt(at + 1);
        else if (event.key === "ArrowUp") focusAt(at - 1);
        else if (event.key === "Home") focusAt(0);
        else if (event.key === "End") focusAt(items.length - 1);
        else if (event.key === "Escape" || event.key === "Tab") closeAndRefocus();
        else return;
        event.preventDefault();
        event.stopPropagation();
      }}
    >
      {actions.map((action) => (
        <ActionControl key={action.id} action={action} role="menuitem" className={itemClass} onDone={onClose}>
          <span>{action.label}</span>
          {action.shortcut && (
            <kbd aria-hidden className="text-xs text-zinc-400">
              {action.shortcut}
            </kbd>
          )}
        </ActionControl>
      ))}
    </div>
  );
}
