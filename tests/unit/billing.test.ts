import { describe, expect, it } from "vitest";
import { allowanceLeft, describeAllowance } from "@/lib/billing/allowance";
import { limitReachedMessage } from "@/lib/billing/limit-message";
import { effectiveLimits } from "@/lib/billing/limits";
import { budgetPeriods, formatDuration, lastDays, monthStartIn } from "@/lib/billing/periods";
import { creditsPerImage, PRICES, pricesOf, UnpricedModelError } from "@/lib/billing/prices";
import { settlementOf } from "@/lib/billing/settlement";
import { InvalidEnvironmentError, parseEnv } from "@/lib/config/env";

describe("budget periods", () => {
  it("reads day and month in the budget's zone and resets at its midnight", () => {
    const now = new Date("2026-11-30T23:30:00Z");
    expect(budgetPeriods(now, "UTC")).toEqual({
      day: "2026-11-30",
      month: "2026-11",
      dayResetsAt: new Date("2026-12-01T00:00:00Z"),
      monthResetsAt: new Date("2026-12-01T00:00:00Z"),
    });
    // Already tomorrow (and next month) in Berlin, an hour ahead in winter.
    expect(budgetPeriods(now, "Europe/Berlin")).toEqual({
      day: "2026-12-01",
      month: "2026-12",
      dayResetsAt: new Date("2026-12-01T23:00:00Z"),
      monthResetsAt: new Date("2026-12-31T23:00:00Z"),
    });
    expect(budgetPeriods(new Date("2026-06-15T12:00:00Z"), "Asia/Kolkata").dayResetsAt).toEqual(
      new Date("2026-06-15T18:30:00Z"),
    );
  });

  it("starts the month at the zone's midnight of the 1st, as the admin's counts do", () => {
    const now = new Date("2026-11-30T23:30:00Z");
    expect(monthStartIn(now, "UTC")).toEqual(new Date("2026-11-01T00:00:00Z"));
    expect(monthStartIn(now, "Europe/Berlin")).toEqual(new Date("2026-11-30T23:00:00Z"));
    expect(monthStartIn(new Date("2026-04-10T00:00:00Z"), "America/New_York")).toEqual(
      new Date("2026-04-01T04:00:00Z"),
    );
  });

  it("finds midnight across a daylight-saving change", () => {
    // New York springs forward on 8 March 2026: that day has 23 hours.
    const periods = budgetPeriods(new Date("2026-03-08T12:00:00Z"), "America/New_York");
    expect(periods.day).toBe("2026-03-08");
    expect(periods.dayResetsAt).toEqual(new Date("2026-03-09T04:00:00Z"));
    expect(periods.monthResetsAt).toEqual(new Date("2026-04-01T04:00:00Z"));
    // Berlin falls back on 25 October 2026.
    expect(budgetPeriods(new Date("2026-10-25T12:00:00Z"), "Europe/Berlin").dayResetsAt).toEqual(
      new Date("2026-10-25T23:00:00Z"),
    );
  });

  it("lists the last days across month ends, oldest first", () => {
    expect(lastDays("2026-03-02", 4)).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
  });

  it("words durations the way a person reads them", () => {
    expect(formatDuration(20_000)).toBe("1 min");
    expect(formatDuration(0)).toBe("under a minute");
    expect(formatDuration((3 * 60 + 12) * 60_000)).toBe("3 h 12 min");
    expect(formatDuration(2 * 3600_000)).toBe("2 h");
    expect(formatDuration((6 * 24 + 4) * 3600_000)).toBe("6 days 4 h");
  });
});

describe("limit messages", () => {
  const now = new Date("2026-11-14T20:48:00Z");
  const periods = budgetPeriods(now, "UTC");

  it("names the daily limit, what is left and when it resets", () => {
    expect(
      limitReachedMessage(
        { scope: "daily_images", used: 50, limit: 50, needed: 1 },
        { periods, now, timeZone: "UTC" },
      ),
    ).toBe("Daily limit reached: 50 of 50 images. Resets at 00:00 UTC, in 3 h 12 min.");
  });

  it("says what is left of a monthly limit that one more image would pass", () => {
    expect(
      limitReachedMessage(
        { scope: "monthly_credits", used: 594, limit: 600, needed: 12 },
        { periods, now, timeZone: "UTC" },
      ),
    ).toBe(
      "Monthly limit reached: 594 of 600 credits used. 6 left, and this image costs 12 credits. Resets on 1 December at 00:00 UTC, in 16 days 3 h.",
    );
    expect(
      limitReachedMessage(
        { scope: "studio_monthly_credits", used: 12_000, limit: 12_000, needed: 12 },
        { periods, now, timeZone: "UTC" },
      ),
    ).toBe(
      "The studio's monthly budget is used up: 12,000 of 12,000 credits used. Ask your admin, or wait: resets on 1 December at 00:00 UTC, in 16 days 3 h.",
    );
  });
});

describe("limits", () => {
  const defaults = { USER_DAILY_IMAGES: 50, USER_MONTHLY_CREDITS: 600, MONTHLY_CREDITS: 12_000 };

  it("takes an admin's override over the default, and unlimited as no limit", () => {
    expect(effectiveLimits(defaults, [])).toEqual({
      dailyImages: 50,
      monthlyCredits: 600,
      studioMonthlyCredits: 12_000,
    });
    expect(
      effectiveLimits(defaults, [
        { kind: "daily_images", value: null },
        { kind: "monthly_credits", value: 1200 },
      ]),
    ).toEqual({ dailyImages: null, monthlyCredits: 1200, studioMonthlyCredits: 12_000 });
    expect(effectiveLimits({}, [])).toEqual({
      dailyImages: null,
      monthlyCredits: null,
      studioMonthlyCredits: null,
    });
  });

  const allowance = {
    prices: pricesOf(),
    hosts: [],
    today: { used: 3, limit: 5, resetsAt: "2026-11-15T00:00:00Z" },
    month: { used: 500, limit: 600, resetsAt: "2026-12-01T00:00:00Z" },
    studioCreditsLeft: 40,
    creditsExhausted: false,
    timeZone: "UTC",
  };

  it("shows what is left, the tighter of the user's and the studio's month", () => {
    expect(allowanceLeft(allowance)).toEqual({ images: 2, credits: 40 });
    expect(allowanceLeft({ ...allowance, studioCreditsLeft: null })).toEqual({ images: 2, credits: 100 });
    expect(
      allowanceLeft({
        ...allowance,
        today: { ...allowance.today, limit: null },
        month: { ...allowance.month, limit: null },
        studioCreditsLeft: null,
      }),
    ).toEqual({ images: null, credits: null });
  });

  it("words what is left for the composer, naming the studio's budget when that is tighter", () => {
    expect(describeAllowance(allowance)).toEqual({
      today: "2 of 5 images left today",
      month: "40 credits left this month (the studio's budget)",
    });
    expect(describeAllowance({ ...allowance, studioCreditsLeft: null }).month).toBe(
      "100 of 600 credits left this month",
    );
    expect(
      describeAllowance({
        ...allowance,
        today: { ...allowance.today, used: 1, limit: null },
        month: { ...allowance.month, used: 12, limit: null },
        studioCreditsLeft: null,
      }),
    ).toEqual({
      today: "1 image today, no daily limit",
      month: "12 credits used this month, no monthly limit",
    });
  });
});

describe("prices", () => {
  it("has one row per provider, model and mode, and no price is ever assumed", () => {
    const keys = PRICES.map((p) => `${p.provider} ${p.model} ${p.mode}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(pricesOf()).toEqual({ generate: 12, edit: 12 });
    expect(pricesOf("fal")).toEqual({ generate: 20, edit: 20 });
    expect(() => creditsPerImage({ provider: "api-in-one", model: "seedream/9", mode: "edit" })).toThrow(
      UnpricedModelError,
    );
  });
});

describe("settlement", () => {
  const base = { errorCode: null, upstreamTaskId: "t1" };
  it("charges successes, releases what the upstream did not charge, keeps the rest", () => {
    expect(settlementOf({ ...base, status: "succeeded" })).toBe("charge");
    expect(settlementOf({ ...base, status: "failed", errorCode: "failed" })).toBe("release");
    expect(settlementOf({ ...base, status: "failed", errorCode: "task_not_found" })).toBe("release");
    expect(settlementOf({ ...base, status: "failed", errorCode: "no_image" })).toBe("charge");
    expect(settlementOf({ ...base, status: "failed", errorCode: "ingest_failed" })).toBe("keep");
    expect(settlementOf({ ...base, status: "failed", errorCode: "key_rejected" })).toBe("keep");
    expect(settlementOf({ status: "failed", errorCode: "out_of_credits", upstreamTaskId: null })).toBe(
      "release",
    );
    expect(settlementOf({ status: "failed", errorCode: "reference_missing", upstreamTaskId: null })).toBe(
      "release",
    );
    expect(settlementOf({ status: "unknown", errorCode: "outcome_unknown", upstreamTaskId: null })).toBe(
      "keep",
    );
    expect(settlementOf({ ...base, status: "timed_out", errorCode: "timed_out" })).toBe("keep");
  });
});

describe("spending settings", () => {
  it("are optional, with the budget in UTC by default", () => {
    const env = parseEnv({});
    expect(env.USER_DAILY_IMAGES).toBeUndefined();
    expect(env.MONTHLY_CREDITS).toBeUndefined();
    expect(env.BUDGET_TIME_ZONE).toBe("UTC");
    expect(parseEnv({ USER_DAILY_IMAGES: "50", BUDGET_TIME_ZONE: "europe/berlin" })).toMatchObject({
      USER_DAILY_IMAGES: 50,
      BUDGET_TIME_ZONE: "Europe/Berlin",
    });
  });

  it.each([
    ["USER_DAILY_IMAGES", "-1"],
    ["USER_MONTHLY_CREDITS", "lots"],
    ["MONTHLY_CREDITS", "12.5"],
    ["BUDGET_TIME_ZONE", "Mars/Olympus_Mons"],
  ])("stops start-up on a bad %s, naming it", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(InvalidEnvironmentError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`${name}: `));
  });
});
