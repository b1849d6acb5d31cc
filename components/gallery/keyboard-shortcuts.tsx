"use client";

import { useEffect } from "react";

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
