import { type BudgetPeriods, formatDuration, formatResetDate } from "./periods";

export const limitScopes = ["daily_images", "monthly_credits", "studio_monthly_credits"] as const;
export type LimitScope = (typeof limitScopes)[number];

/** Which limit refused a submit, and where its counter stood when it did. */
export interface LimitRefusal {
  scope: LimitScope;
  /** Images (daily) or credits (monthly) already held or charged in the period. */
  used: number;
  limit: number;
  /** What this submit would have added, in the same unit. */
  needed: number;
}

const n = (value: number) => value.toLocaleString("en");

/**
 * "Daily limit reached: 50 of 50 images. Resets at 00:00 UTC, in 3 h 12 min." Names the limit,
 * what is left and when it starts again, in the budget's own time zone.
 */
export function limitReachedMessage(
  refusal: LimitRefusal,
  { periods, now, timeZone }: { periods: BudgetPeriods; now: Date; timeZone: string },
): string {
  const left = Math.max(0, refusal.limit - refusal.used);
  if (refusal.scope === "daily_images") {
    const resets = `Resets at 00:00 ${timeZone}, in ${formatDuration(periods.dayResetsAt.getTime() - now.getTime())}.`;
    return `Daily limit reached: ${n(Math.min(refusal.used, refusal.limit))} of ${n(refusal.limit)} images. ${resets}`;
  }
  const resets = `Resets on ${formatResetDate(periods.monthResetsAt, timeZone)} at 00:00 ${timeZone}, in ${formatDuration(
    periods.monthResetsAt.getTime() - now.getTime(),
  )}.`;
  const leftWords = left === 0 ? "" : ` ${n(left)} left, and this image costs ${n(refusal.needed)} credits.`;
  if (refusal.scope === "monthly_credits") {
    return `Monthly limit reached: ${n(Math.min(refusal.used, refusal.limit))} of ${n(refusal.limit)} credits used.${leftWords} ${resets}`;
  }
  return `The studio's monthly budget is used up: ${n(Math.min(refusal.used, refusal.limit))} of ${n(
    refusal.limit,
  )} credits used.${leftWords} Ask your admin, or wait: ${resets.charAt(0).toLowerCase()}${resets.slice(1)}`;
}
