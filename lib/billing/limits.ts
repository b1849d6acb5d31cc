import type { LimitKind } from "@/db/schema";

/** Every limit a submit is checked against; null means no limit of that kind. */
export interface Limits {
  /** Images per user per day. */
  dailyImages: number | null;
  /** Credits per user per calendar month. */
  monthlyCredits: number | null;
  /** Credits for the whole studio per calendar month. */
  studioMonthlyCredits: number | null;
}

export interface DefaultLimits {
  USER_DAILY_IMAGES?: number;
  USER_MONTHLY_CREDITS?: number;
  MONTHLY_CREDITS?: number;
}

/** What an admin chose for one of a user's limits: the default, no limit, or a number. */
export type LimitSetting = { kind: "default" } | { kind: "unlimited" } | { kind: "custom"; value: number };

export interface LimitOverride {
  kind: LimitKind;
  /** Null: unlimited. */
  value: number | null;
}

export function settingFor(overrides: readonly LimitOverride[], kind: LimitKind): LimitSetting {
  const override = overrides.find((o) => o.kind === kind);
  if (!override) return { kind: "default" };
  return override.value === null ? { kind: "unlimited" } : { kind: "custom", value: override.value };
}

export function effectiveLimits(defaults: DefaultLimits, overrides: readonly LimitOverride[]): Limits {
  const resolve = (kind: LimitKind, fallback: number | undefined): number | null => {
    const setting = settingFor(overrides, kind);
    if (setting.kind === "unlimited") return null;
    if (setting.kind === "custom") return setting.value;
    return fallback ?? null;
  };
  return {
    dailyImages: resolve("daily_images", defaults.USER_DAILY_IMAGES),
    monthlyCredits: resolve("monthly_credits", defaults.USER_MONTHLY_CREDITS),
    studioMonthlyCredits: defaults.MONTHLY_CREDITS ?? null,
  };
}

/** "default (50)", "unlimited", "100": a limit setting in a table cell or the audit log. */
export function describeSetting(setting: LimitSetting, fallback: number | undefined): string {
  if (setting.kind === "custom") return setting.value.toLocaleString("en");
  if (setting.kind === "unlimited") return "unlimited";
  return `default (${fallback === undefined ? "unlimited" : fallback.toLocaleString("en")})`;
}
