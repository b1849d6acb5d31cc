"use client";

import { useEffect, useSyncExternalStore } from "react";
import { applyTheme, THEME_STORAGE_KEY, type ThemeChoice, toThemeChoice } from "@/lib/theme/theme";

const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

function readChoice(): ThemeChoice {
  try {
    return toThemeChoice(localStorage.getItem(THEME_STORAGE_KEY));
  } catch {
    return "system";
  }
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function chooseTheme(choice: ThemeChoice) {
  try {
    if (choice === "system") localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Not remembered, but still applied to this page.
  }
  applyTheme(THEME_STORAGE_KEY);
  if (choice !== "system") document.documentElement.classList.toggle("dark", choice === "dark");
  notify();
}

/** Keeps "system" in step with the OS, and every tab with a choice made in another. */
export function ThemeWatcher() {
  useEffect(() => {
    const media = matchMedia("(prefers-color-scheme: dark)");
    const reapply = () => {
      applyTheme(THEME_STORAGE_KEY);
      notify();
    };
    const onStorage = (event: StorageEvent) => event.key === THEME_STORAGE_KEY && reapply();
    // A page Next renders only in the browser (a 404 from notFound()) never ran the head script.
    reapply();
    media.addEventListener("change", reapply);
    window.addEventListener("storage", onStorage);
    return () => {
      media.removeEventListener("change", reapply);
      window.removeEventListener("storage", onStorage);
    };
  }, []);
  return null;
}

export function ThemeSelect({ className = "" }: { className?: string }) {
  // The server cannot know the stored choice: it renders "system", the client its own right after.
  const choice = useSyncExternalStore(subscribe, readChoice, () => "system" as const);
  return (
    <label className={`inline-flex items-center gap-2 ${className}`}>
      <span className="text-zinc-600">Theme</span>
      <select
        value={choice}
        onChange={(event) => chooseTheme(toThemeChoice(event.target.value))}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900"
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
