"use client";

import { useEffect, useState } from "react";
import type { GenerationView } from "@/lib/generations/view";

function since(fromIso: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 1000));
  return seconds < 60 ? `Since ${seconds} s.` : `Since ${Math.floor(seconds / 60)} min.`;
}

/** Says why a running card is taking long, and for how long already, ticking every second. */
export function RetryNotice({ retrying }: { retrying: NonNullable<GenerationView["retrying"]> }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <p className="text-xs text-amber-800" data-testid="retry-notice">
      {retrying.reason === "status"
        ? "The upstream is not answering status checks; retrying."
        : "The image is ready, but downloading it failed; retrying for a while."}
      {retrying.since && ` ${since(retrying.since, now)}`}
    </p>
  );
}
