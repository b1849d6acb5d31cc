import { rememberViewportWidth, VIEWPORT_HINT_COOKIE } from "./viewport-hint";

export const THEME_STORAGE_KEY = "seedream:theme";
export const THEME_CHOICES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/**
 * A stored or selected choice, "system" for anything else. Three fixed words, checked without zod:
 * this runs on every page, the public share page included, and zod would be its biggest script.
 */
export function toThemeChoice(value: unknown): ThemeChoice {
  return THEME_CHOICES.find((choice) => choice === value) ?? "system";
}

/**
 * Runs in <head> before the first paint (and before React), so a dark page never flashes light.
 * It marks <html> with the resolved theme (class "dark") and the choice (data-theme).
 * Kept as a plain function so the same code applies a change made with the theme picker.
 */
export function applyTheme(storageKey: string): void {
  let choice = "system";
  try {
    const stored = localStorage.getItem(storageKey);
    if (stored === "light" || stored === "dark") choice = stored;
  } catch {
    // Storage can be refused (private modes, policies): the system's preference still applies.
  }
  const dark =
    choice === "dark" || (choice === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
  const root = document.documentElement;
  root.classList.toggle("dark", dark);
  root.dataset.theme = choice;
}

/** The inline head script's text: the function above, called with the key, and the viewport hint. */
export const themeScript = `(${applyTheme.toString()})(${JSON.stringify(THEME_STORAGE_KEY)});(${rememberViewportWidth.toString()})(${JSON.stringify(VIEWPORT_HINT_COOKIE)})`;
