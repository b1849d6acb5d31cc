export const VIEWPORT_HINT_COOKIE = "seedream-vw";

/**
 * Runs in <head> with the theme script, before the first paint: tells the server how wide this
 * browser's window is, so that the next page it renders (the gallery's columns) can be laid out
 * for it. Only a layout guess: the page measures again once it runs and never trusts it for more.
 */
export function rememberViewportWidth(cookieName: string): void {
  const width = Math.round(window.innerWidth);
  const entry = `${cookieName}=${width}`;
  if (width > 0 && !document.cookie.split("; ").includes(entry)) {
    // biome-ignore lint/suspicious/noDocumentCookie: synchronous before the first paint, in every browser (the Cookie Store API is neither)
    document.cookie = `${entry}; path=/; max-age=31536000; samesite=lax`;
  }
}
