// Budget periods: a calendar day and a calendar month in one IANA time zone (BUDGET_TIME_ZONE).
// Pure and free of server-only imports, so the same arithmetic runs in tests and the browser.

export interface BudgetPeriods {
  /** "2026-11-24": the day a hold placed now counts toward. */
  day: string;
  /** "2026-11": the month a hold placed now counts toward. */
  month: string;
  /** The next local midnight: when the daily limit starts again. */
  dayResetsAt: Date;
  /** The next local midnight of the 1st: when the monthly limits start again. */
  monthResetsAt: Date;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's canonical name ("utc" → "UTC"), or null when the runtime does not know it. */
export function canonicalTimeZone(value: string): string | null {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localTime(instant: number, timeZone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in ms (seconds precision). */
function offsetMs(instant: number, timeZone: string): number {
  const t = localTime(instant, timeZone);
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant the zone's clock reads 00:00 on this date (Date.UTC rolls over month ends). */
function localMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  // Twice: the offset at the first guess can differ from the offset at midnight across a DST change.
  let instant = wall - offsetMs(wall, timeZone);
  instant = wall - offsetMs(instant, timeZone);
  return new Date(instant);
}

const pad = (value: number, length = 2) => String(value).padStart(length, "0");

export function budgetPeriods(now: Date, timeZone: string): BudgetPeriods {
  const t = localTime(now.getTime(), timeZone);
  return {
    day: `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`,
    month: `${pad(t.year, 4)}-${pad(t.month)}`,
    dayResetsAt: localMidnight(t.year, t.month, t.day + 1, timeZone),
    monthResetsAt: localMidnight(t.year, t.month + 1, 1, timeZone),
  };
}

/** The instant this calendar month began in the zone: what "this month" counts from. */
export function monthStartIn(now: Date, timeZone: string): Date {
  const t = localTime(now.getTime(), timeZone);
  return localMidnight(t.year, t.month, 1, timeZone);
}

/** The `count` days up to and including `day` ("2026-11-24"), oldest first. */
export function lastDays(day: string, count: number): string[] {
  const [year = 1970, month = 1, date = 1] = day.split("-").map(Number);
  return Array.from({ length: count }, (_, index) => {
    const d = new Date(Date.UTC(year, month - 1, date - (count - 1 - index)));
    return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  });
}

/** "3 h 12 min", "6 days 4 h", "under a minute": how long until a reset. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.ceil(ms / 60_000));
  if (minutes < 1) return "under a minute";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return `${days} day${days === 1 ? "" : "s"}${rest === 0 ? "" : ` ${rest} h`}`;
}

/** English month names, January first (also written by hand in the browser: no Intl there). */
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** "1 December" for the month a reset instant starts, read in the budget's zone. */
export function formatResetDate(instant: Date, timeZone: string): string {
  const t = localTime(instant.getTime(), timeZone);
  return `${t.day} ${MONTH_NAMES[t.month - 1]}`;
}
