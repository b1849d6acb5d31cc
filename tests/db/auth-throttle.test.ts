import { describe, expect, it } from "vitest";
import { getThrottleFailures, recordThrottleFailure } from "@/db/queries/auth-throttle";
import {
  ACCOUNT_POLICY,
  accountKey,
  clearAccountFailures,
  recordAuthFailure,
  throttledUntil,
} from "@/lib/auth/throttle";
import { databaseCases, setUpDatabase } from "../support/databases";

describe.each(databaseCases())("sign-in throttle on $name", ({ open }) => {
  const database = setUpDatabase({ open });

  it("counts 20 concurrent failures exactly", async () => {
    const key = accountKey("race@example.com");
    await Promise.all(
      Array.from({ length: 20 }, () => recordThrottleFailure(database.db, key, ACCOUNT_POLICY)),
    );
    expect(await getThrottleFailures(database.db, key)).toBe(20);
  });

  it("lets five failures through, then blocks account and address with a growing wait", async () => {
    const subject = { email: "guess@example.com", address: "203.0.113.9" };
    for (let i = 0; i < 4; i++) expect(await recordAuthFailure(database.db, subject)).toBeNull();
    expect(await throttledUntil(database.db, subject)).toBeNull();
    const first = await recordAuthFailure(database.db, subject);
    expect(first).not.toBeNull();
    const firstWait = (first?.getTime() ?? 0) - Date.now();
    expect(firstWait).toBeGreaterThan(20_000);
    expect(
      await throttledUntil(database.db, { email: "GUESS@example.com ", address: "198.51.100.1" }),
    ).not.toBeNull();
    const second = await recordAuthFailure(database.db, subject);
    expect((second?.getTime() ?? 0) - Date.now()).toBeGreaterThan(firstWait + 20_000);
    // Another account from another address is not affected.
    expect(
      await throttledUntil(database.db, { email: "other@example.com", address: "198.51.100.1" }),
    ).toBeNull();
    await clearAccountFailures(database.db, subject.email);
    expect(await throttledUntil(database.db, { email: subject.email, address: "198.51.100.1" })).toBeNull();
  });
});
