import * as z from "zod/mini";
import { PROVIDER_IDS } from "@/lib/providers/types";

// What the composer shows next to the button: the cost of a click and what is left. Parsed with
// zod in the browser, like every answer of our own API (zod/mini: a fraction of zod's weight there).

const used = z.object({
  used: z.int(),
  /** Null: no limit of this kind. */
  limit: z.nullable(z.int()),
  resetsAt: z.iso.datetime({ offset: true }),
});

const prices = z.object({ generate: z.int(), edit: z.int() });

/** A Seedream host this studio offers (lib/providers): what the composer lets people choose. */
export const hostOfferSchema = z.object({
  id: z.enum(PROVIDER_IDS),
  label: z.string(),
  /** Credits one image costs there, per mode. */
  prices,
  /** Most references one edit there may carry. */
  maxReferences: z.int(),
  /** The host fetches our signed reference URLs itself, so APP_URL must be reachable from the internet. */
  fetchesReferences: z.boolean(),
  /** That host's account ran out of credits: submissions to it are stopped. */
  creditsExhausted: z.boolean(),
});
export type HostOffer = z.infer<typeof hostOfferSchema>;

export const allowanceSchema = z.object({
  /** The default host's prices (the first of `hosts`). */
  prices,
  /** Offered hosts, the default first. */
  hosts: z.array(hostOfferSchema),
  /** Images held or charged today. */
  today: used,
  /** Credits held or charged this month. */
  month: used,
  /** Credits the whole studio has left this month; null when MONTHLY_CREDITS is not set. */
  studioCreditsLeft: z.nullable(z.int()),
  /** The upstream account ran out of credits and submissions are stopped. */
  creditsExhausted: z.boolean(),
  timeZone: z.string(),
});
export type Allowance = z.infer<typeof allowanceSchema>;

export const allowanceQueryKey = ["allowance"] as const;

export const CREDITS_EXHAUSTED_MESSAGE = "The studio's credits are used up. Ask your admin.";

/** Images left today and credits left this month (studio budget included); null: unlimited. */
export function allowanceLeft(allowance: Allowance): { images: number | null; credits: number | null } {
  const { today, month, studioCreditsLeft } = allowance;
  const userCredits = month.limit === null ? null : Math.max(0, month.limit - month.used);
  const credits =
    userCredits === null
      ? studioCreditsLeft
      : studioCreditsLeft === null
        ? userCredits
        : Math.min(userCredits, studioCreditsLeft);
  return { images: today.limit === null ? null : Math.max(0, today.limit - today.used), credits };
}

const n = (value: number) => value.toLocaleString("en");
const plural = (count: number, word: string) => `${n(count)} ${word}${count === 1 ? "" : "s"}`;

/** "2 of 3 images left today", "564 credits left this month": the composer's two lines. */
export function describeAllowance(allowance: Allowance): { today: string; month: string } {
  const left = allowanceLeft(allowance);
  const today =
    left.images === null || allowance.today.limit === null
      ? `${plural(allowance.today.used, "image")} today, no daily limit`
      : `${n(left.images)} of ${plural(allowance.today.limit, "image")} left today`;
  const month =
    left.credits === null
      ? `${plural(allowance.month.used, "credit")} used this month, no monthly limit`
      : allowance.month.limit !== null && left.credits === allowance.month.limit - allowance.month.used
        ? `${n(left.credits)} of ${plural(allowance.month.limit, "credit")} left this month`
        : `${plural(left.credits, "credit")} left this month (the studio's budget)`;
  return { today, month };
}
