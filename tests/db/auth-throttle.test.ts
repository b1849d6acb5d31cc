import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getThrottleFailures, recordThrottleFailure } from "@/db/queries/auth-throttle";
import {
  ACCOUNT_POLICY,
  accountKey,
  clearAccountFailures,
  recordAuthFailure,
  throttledUntil,
} from "@/lib/auth/throttle";
import { databaseCases } from "../support/databases";

describe.each(databaseCases())("sign-in throttle on $name", ({ open }) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await open();
  });
  afterAll(() => handle.close());

  it("counts 20 concurrent failures exactly", async () => {
    const key = accountKey("race@example.com");
    await Promise.all(
      Array.from({ length: 20 }, () => recordThrottleFailure(handle.db, key, ACCOUNT_POLICY)),
    );
    expect(await getThrottleFailures(handle.db, key)).toBe(20);
  });

  it("lets five failures through, then blocks account and address with a growing wait", async () => {
    const subject = { email: "guess@example.com", address: "203.0.113.9" };
    for (let i = 0; i < 4; i++) expect(await recordAuthFailure(handle.db, subject)).toBeNull();
    expect(await throttledUntil(handle.db, subject)).toBeNull();
    const first = await recordAuthFailure(handle.db, subject);
    expect(first).not.toBeNull();
    const firstWait = (first?.getTime() ?? 0) - Date.now();
    expect(firstWait).toBeGreaterThan(20_000);
    expect(
      await throttledUntil(handle.db, { email: "GUESS@example.com ", address: "198.51.100.1" }),
    ).not.toBeNull();
    const second = await recordAuthFailure(handle.db, subject);
    expect((second?.getTime() ?? 0) - Date.now()).toBeGreaterThan(firstWait + 20_000);
    // Another account from another address is not affected.
    expect(
      await throttledUntil(handle.db, { email: "other@example.com", address: "198.51.100.1" }),
    ).toBeNull();
    await clearAccountFailures(handle.db, subject.email);
    expect(await throttledUntil(handle.db, { email: subject.email, address: "198.51.100.1" })).toBeNull();
  });
});
