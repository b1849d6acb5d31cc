"use client";

import { useEffect, useState } from "react";

function format(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes}m ${String(seconds % 60).padStart(2, "0")}s` : `${seconds}s`;
}

/** Time since `from`, ticking every second until `until` is set. */
export function ElapsedTime({ from, until }: { from: string; until: string | null }) {
  // A running clock starts after hydration: the server's "now" is not the browser's, and a clock
  // rendered on both would differ (a hydration mismatch). A finished span is the same everywhere.
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (until) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  const end = until ? Date.parse(until) : now;
  if (end === null) return null;
  return <span className="tabular-nums">{format(end - Date.parse(from))}</span>;
}
