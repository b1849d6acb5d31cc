"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { MONTH_NAMES } from "@/lib/billing/periods";

type Unit = "year" | "month" | "week" | "day" | "hour" | "minute";

const units: [Unit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

// The words Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" }) writes, which
// tests/unit/relative-time.test.ts checks against it. Not the formatter itself: constructing one
// costs Chromium ~50 ms (four times that on a slow phone) the first time, inside the task that
// hydrates the gallery, for a handful of fixed English words.
const WORDS: Record<Unit, { one: string; many: string; last?: string; next?: string }> = {
  year: { one: "yr.", many: "yr.", last: "last yr.", next: "next yr." },
  month: { one: "mo.", many: "mo.", last: "last mo.", next: "next mo." },
  week: { one: "wk.", many: "wk.", last: "last wk.", next: "next wk." },
  day: { one: "day", many: "days", last: "yesterday", next: "tomorrow" },
  hour: { one: "hr.", many: "hr." },
  minute: { one: "min.", many: "min." },
};

function relative(value: number, unit: Unit): string {
  const words = WORDS[unit];
  if (value === -1 && words.last) return words.last;
  if (value === 1 && words.next) return words.next;
  const count = Math.abs(value);
  // Grouping ("1,234") only where it shows: even a number formatter is built on first use.
  const amount = `${count < 1000 ? count : count.toLocaleString("en")} ${count === 1 ? words.one : words.many}`;
  return value < 0 ? `${amount} ago` : `in ${amount}`;
}

// The two dates are written by hand too, in the words of Intl.DateTimeFormat("en") (tested against it):
// the browser's first Intl object of any kind loads its ICU data, 30–60 ms here (four times that
// on a slow phone), and the gallery would pay it while hydrating its tiles. Date's own getters cost nothing.
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const clock = (hours: number, minutes: number) =>
  `${hours % 12 || 12}:${String(minutes).padStart(2, "0")} ${hours < 12 ? "AM" : "PM"}`;

/** "Nov 26, 2026, 12:00 PM" in UTC: dateStyle "medium", timeStyle "short", timeZone "UTC". */
export function formatUtc(date: Date): string {
  const month = MONTH_NAMES[date.getUTCMonth()]?.slice(0, 3);
  return `${month} ${date.getUTCDate()}, ${date.getUTCFullYear()}, ${clock(date.getUTCHours(), date.getUTCMinutes())}`;
}

/** "Thursday, November 26, 2026 at 12:00 PM" in the browser's zone: dateStyle "full", timeStyle "short". */
export function formatLocal(date: Date): string {
  const day = `${DAYS[date.getDay()]}, ${MONTH_NAMES[date.getMonth()]} ${date.getDate()}, ${date.getFullYear()}`;
  return `${day} at ${clock(date.getHours(), date.getMinutes())}`;
}

/** "2 min. ago", "yesterday", "3 wk. ago": how long before `now`, in the largest unit that fits. */
export function formatRelative(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  for (const [unit, size] of units) {
    // At least a minute either way (45 s and more rounds to one), so never "0 …".
    if (Math.abs(seconds) >= size || unit === "minute")
      return relative(Math.round(seconds / size) || Math.sign(seconds), unit);
  }
  return "just now";
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
    <time dateTime={iso} title={mounted ? formatLocal(date) : `${formatUtc(date)} UTC`} className={className}>
      {mounted ? formatRelative(date, new Date()) : formatUtc(date)}
    </time>
  );
}
