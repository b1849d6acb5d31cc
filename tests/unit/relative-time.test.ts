import { describe, expect, it } from "vitest";
import { formatLocal, formatRelative, formatUtc } from "@/components/ui/relative-time";

describe("formatRelative", () => {
  const now = new Date("2026-11-26T12:00:00Z");
  const ago = (seconds: number) => formatRelative(new Date(now.getTime() - seconds * 1000), now);

  it("says how long ago in the largest unit that fits", () => {
    expect(ago(10)).toBe("just now");
    expect(ago(120)).toBe("2 min. ago");
    expect(ago(3 * 3600)).toBe("3 hr. ago");
    expect(ago(24 * 3600)).toBe("yesterday");
    expect(ago(3 * 24 * 3600)).toBe("3 days ago");
    expect(ago(14 * 24 * 3600)).toBe("2 wk. ago");
    expect(ago(400 * 24 * 3600)).toBe("last yr.");
  });

  it("words every distance, past and future, exactly as Intl.RelativeTimeFormat does (without building one in the browser)", () => {
    const intl = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" });
    const units: [Intl.RelativeTimeFormatUnit, number][] = [
      ["year", 365 * 24 * 3600],
      ["month", 30 * 24 * 3600],
      ["week", 7 * 24 * 3600],
      ["day", 24 * 3600],
      ["hour", 3600],
      ["minute", 60],
    ];
    const expected = (seconds: number) => {
      if (Math.abs(seconds) < 45) return "just now";
      const [unit, size] = units.find(([, size]) => Math.abs(seconds) >= size) ?? ["minute", 60];
      return intl.format(Math.round(seconds / size), unit);
    };
    const distances = [45, 59, 60, 89, 90, 3599, 3600, 5400, 86_399, 86_400, 129_600, 172_800, 604_800];
    for (const step of [
      ...distances,
      30 * 86_400,
      45 * 86_400,
      365 * 86_400,
      730 * 86_400,
      1500 * 365 * 86_400,
    ]) {
      for (const seconds of [-step, step]) {
        expect(formatRelative(new Date(now.getTime() + seconds * 1000), now), String(seconds)).toBe(
          expected(seconds),
        );
      }
    }
  });

  it("writes both dates as Intl.DateTimeFormat does, in UTC and in the local zone", () => {
    const utc = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
    const local = new Intl.DateTimeFormat("en", { dateStyle: "full", timeStyle: "short" });
    // Some ICU versions put a narrow no-break space before AM/PM; the words are the same.
    const plain = (text: string) => text.replaceAll("\u202f", " ");
    for (let hour = 0; hour < 24 * 400; hour += 37) {
      const date = new Date(Date.UTC(2026, 0, 1, hour, hour % 60));
      expect(formatUtc(date)).toBe(plain(utc.format(date)));
      expect(formatLocal(date)).toBe(plain(local.format(date)));
    }
  });
});
