import { type KeyboardEvent, useRef } from "react";

/**
 * ↑ in an empty prompt brings back the most recent prompt, ↑ again the one before; ↓ goes the
 * other way and past the newest back to empty. Typing anything ends the walk.
 */
export function usePromptRecall(
  recent: readonly string[],
  prompt: string,
  setPrompt: (value: string) => void,
) {
  const position = useRef<number | null>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const current = position.current;
    const walking = current !== null && recent[current] === prompt;
    if (!walking && prompt !== "") return;
    const start = walking ? current : -1;
    const next = event.key === "ArrowUp" ? Math.min(start + 1, recent.length - 1) : start - 1;
    if (next < 0) {
      if (walking) setPrompt("");
      position.current = null;
      if (walking) event.preventDefault();
      return;
    }
    event.preventDefault();
    position.current = next;
    setPrompt(recent[next] ?? "");
  };
  return onKeyDown;
}
