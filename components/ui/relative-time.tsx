"use client";

import { useEffect, useState, useSyncExternalStore } from "react";

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" });
const absolute = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const local = new Intl.DateTimeFormat("en", { dateStyle: "full", timeStyle: "short" });

/** "2 min. ago", "yesterday", "3 wk. ago": how long before `now`, in the largest unit that fits. */
export function formatRelative(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === "minute")
      return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(seconds, "second");
}

let subscribers = 0;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

/** One shared minute tick for every relative time on the page, not one timer each. */
function useMinuteTick(): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((value) => value + 1);
    listeners.add(listener);
    subscribers++;
    timer ??= setInterval(() => {
      for (const notify of listeners) notify();
    }, 60_000);
    return () => {
      listeners.delete(listener);
      subscribers--;
      if (subscribers === 0 && timer) {
        clearInterval(timer);
        timer = undefined;
      }
    };
  }, []);
  return tick;
}

const noSubscription = () => () => {};

/**
 * A time as "5 min. ago", with the full date in its title. The server and the first render in the
 * browser show the same absolute UTC date (no hydration mismatch: they do not share a clock or
 * a time zone); the relative wording replaces it once mounted and keeps up every minute.
 */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  // False while hydrating, true in every render after: tiles mounted later render once, not twice.
  const mounted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  useMinuteTick();
  const date = new Date(iso);
  return (
    <time
      dateTime={iso}
      title={mounted ? local.format(date) : `${absolute.format(date)} UTC`}
      className={className}
    >
      {mounted ? formatRelative(date, new Date()) : absolute.format(date)}
    </time>
  );
}
