import { describe, expect, it } from "vitest";
import { ingestRetryDelayMs, MAX_INGEST_ATTEMPTS, statusRetryDelayMs } from "@/lib/generations/backoff";
import { needsStatusCheck, TASK_DEADLINE_MS } from "@/lib/generations/refresh";

const minutes = (ms: number) => ms / 60_000;

describe("back-off after upstream trouble", () => {
  it("doubles the wait after each failed status check, up to two minutes", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => statusRetryDelayMs(n))).toEqual([
      2000, 4000, 8000, 16_000, 32_000, 64_000, 120_000, 120_000, 120_000,
    ]);
  });

  it("waits at least as long as Retry-After asks, within reason", () => {
    expect(statusRetryDelayMs(1, 30_000)).toBe(30_000);
    expect(statusRetryDelayMs(7, 30_000)).toBe(120_000);
    expect(statusRetryDelayMs(1, 24 * 3600_000)).toBe(10 * 60_000);
    expect(statusRetryDelayMs(1, 1000)).toBe(2000);
  });

  it("asks a failing status endpoint about a dozen times over a task's whole 15 minutes", () => {
    let checks = 0;
    for (let at = 0; at < TASK_DEADLINE_MS; at += statusRetryDelayMs(checks)) checks++;
    expect(checks).toBeLessThanOrEqual(15);
  });

  it("spreads the download tries of a finished image over half an hour to an hour", () => {
    const waits = Array.from({ length: MAX_INGEST_ATTEMPTS - 1 }, (_, i) => ingestRetryDelayMs(i + 1));
    expect(waits[0]).toBeGreaterThanOrEqual(5000);
    const total = minutes(waits.reduce((sum, wait) => sum + wait, 0));
    expect(total).toBeGreaterThanOrEqual(30);
    expect(total).toBeLessThanOrEqual(60);
  });

  it("does not even try to claim a check while a back-off runs", () => {
    const now = Date.now();
    const row = {
      status: "running" as const,
      upstreamTaskId: "t1",
      createdAt: new Date(now - 60_000),
      lastCheckedAt: new Date(now - 60_000),
    };
    expect(needsStatusCheck({ ...row, nextCheckAt: null }, now)).toBe(true);
    expect(needsStatusCheck({ ...row, nextCheckAt: new Date(now + 5000) }, now)).toBe(false);
    expect(needsStatusCheck({ ...row, nextCheckAt: new Date(now - 1) }, now)).toBe(true);
  });
});
