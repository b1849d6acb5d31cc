"use client";

import { useCallback, useEffect, useRef, useState } from "react";

const SHOWN_MS = 4000;

/** A short confirmation at the bottom of the screen, read out by screen readers (role=status). */
export function useToast() {
  const [message, setMessage] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const show = useCallback((text: string) => {
    clearTimeout(timer.current);
    setMessage(text);
    timer.current = setTimeout(() => setMessage(null), SHOWN_MS);
  }, []);
  const toast = (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 bottom-6 z-50 flex justify-center px-4"
    >
      {message && (
        <p className="rounded-lg bg-zinc-900 px-4 py-2 text-sm text-white shadow-lg" data-testid="toast">
          {message}
        </p>
      )}
    </div>
  );
  return { toast, show };
}
