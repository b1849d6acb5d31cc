"use client";

import type { Allowance, HostOffer } from "@/lib/billing/allowance";
import { describeAllowance } from "@/lib/billing/allowance";

/** The cost of this click and what the person has left, next to the button that spends it. */
export function AllowanceSummary({
  allowance,
  mode,
  simulated,
  count = 1,
  host,
}: {
  allowance: Allowance;
  mode: "generate" | "edit";
  simulated: boolean;
  /** Images this click makes, each charged at the chosen host's price. */
  count?: number;
  /** The chosen host; absent: the default host's prices. */
  host?: HostOffer;
}) {
  const { today, month } = describeAllowance(allowance);
  const price = (host?.prices ?? allowance.prices)[mode];
  return (
    <section aria-label="Cost and allowance" className="space-y-0.5 text-sm text-zinc-600">
      <p>
        {count === 1 ? "This image" : `${count} images`}:{" "}
        <strong>{(count * price).toLocaleString("en")} credits</strong>
        {simulated && <span className="text-zinc-500"> (free in the simulator)</span>}
      </p>
      <p aria-live="polite" className="text-xs">
        {today} · {month}
      </p>
    </section>
  );
}
