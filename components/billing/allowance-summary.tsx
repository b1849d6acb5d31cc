"use client";

import type { Allowance } from "@/lib/billing/allowance";
import { describeAllowance } from "@/lib/billing/allowance";

/** The cost of this click and what the person has left, next to the button that spends it. */
export function AllowanceSummary({
  allowance,
  mode,
  simulated,
}: {
  allowance: Allowance;
  mode: "generate" | "edit";
  simulated: boolean;
}) {
  const { today, month } = describeAllowance(allowance);
  return (
    <section aria-label="Cost and allowance" className="space-y-0.5 text-sm text-zinc-600">
      <p>
        This image: <strong>{allowance.prices[mode]} credits</strong>
        {simulated && <span className="text-zinc-500"> (free in the simulator)</span>}
      </p>
      <p aria-live="polite" className="text-xs">
        {today} · {month}
      </p>
    </section>
  );
}
