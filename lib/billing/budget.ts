import "server-only";
import type { Db } from "@/db/client";
import { type Budget, getUsage, type LimitReachedError } from "@/db/queries/usage";
import { listLimitOverrides } from "@/db/queries/user-limits";
import { type Env, env } from "@/lib/config/env";
import { hostOffers } from "@/lib/providers/offers";
import type { Allowance } from "./allowance";
import { openBreakers } from "./credit-breaker";
import { limitReachedMessage } from "./limit-message";
import { effectiveLimits } from "./limits";
import { type BudgetPeriods, budgetPeriods } from "./periods";

/** The settings spending depends on; tests and the benchmark pass their own. */
export type BudgetSettings = Pick<
  Env,
  "USER_DAILY_IMAGES" | "USER_MONTHLY_CREDITS" | "MONTHLY_CREDITS" | "BUDGET_TIME_ZONE"
>;

/** The user's limits (their overrides over the settings) and the periods a submit now counts toward. */
export async function loadBudget(
  db: Db,
  userId: string,
  now = new Date(),
  settings: BudgetSettings = env(),
): Promise<{ budget: Budget; periods: BudgetPeriods }> {
  const periods = budgetPeriods(now, settings.BUDGET_TIME_ZONE);
  const limits = effectiveLimits(settings, await listLimitOverrides(db, userId));
  return { budget: { day: periods.day, month: periods.month, limits }, periods };
}

export function refusalMessage(
  error: LimitReachedError,
  periods: BudgetPeriods,
  now: Date,
  timeZone = env().BUDGET_TIME_ZONE,
): string {
  return limitReachedMessage(error.refusal, { periods, now, timeZone });
}

export async function getAllowance(db: Db, userId: string, now = new Date()): Promise<Allowance> {
  const { budget, periods } = await loadBudget(db, userId, now);
  const settings = env();
  const [usage, breakers] = await Promise.all([
    getUsage(db, { userId, day: budget.day, month: budget.month }),
    openBreakers(db),
  ]);
  const exhausted = new Set(breakers.map((breaker) => breaker.provider));
  const hosts = hostOffers(settings, exhausted);
  const [preferred] = hosts;
  if (!preferred) throw new Error("No host to offer");
  const studioLimit = budget.limits.studioMonthlyCredits;
  return {
    prices: preferred.prices,
    hosts,
    today: {
      used: usage.today.images,
      limit: budget.limits.dailyImages,
      resetsAt: periods.dayResetsAt.toISOString(),
    },
    month: {
      used: usage.month.credits,
      limit: budget.limits.monthlyCredits,
      resetsAt: periods.monthResetsAt.toISOString(),
    },
    studioCreditsLeft: studioLimit === null ? null : Math.max(0, studioLimit - usage.studioMonth.credits),
    creditsExhausted: preferred.creditsExhausted,
    timeZone: settings.BUDGET_TIME_ZONE,
  };
}
