import { describe, expect, it } from "vitest";
import { pollIntervalMs } from "@/lib/generations/polling";
import { staleAfterMs } from "@/lib/generations/refresh";

describe("polling cadence", () => {
  it("polls about once a second at first and backs off on long tasks", () => {
    expect(pollIntervalMs(0)).toBe(1000);
    expect(pollIntervalMs(30_000)).toBeGreaterThan(1000);
    expect(pollIntervalMs(10 * 60_000)).toBeGreaterThanOrEqual(5000);
  });

  it("never considers a stored status stale sooner than the browser polls", () => {
    for (const age of [0, 10_000, 45_000, 90_000, 300_000]) {
      expect(staleAfterMs(age)).toBeLessThanOrEqual(pollIntervalMs(age));
    }
  });
});
