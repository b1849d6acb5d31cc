import type { Metadata } from "next";
import { DailyUsageChart } from "@/components/billing/daily-usage-chart";
import { LedgerTable } from "@/components/billing/ledger-table";
import { getDb } from "@/db";
import { getUsage } from "@/db/queries/usage";
import { listDailyUsage, listLedgerForUser } from "@/db/queries/usage-reports";
import { requireUser } from "@/lib/auth/current-user";
import { loadBudget } from "@/lib/billing/budget";
import { lastDays } from "@/lib/billing/periods";
import { env } from "@/lib/config/env";

export const metadata: Metadata = { title: "Usage" };

const n = (value: number) => value.toLocaleString("en");

export default async function UsagePage() {
  const user = await requireUser();
  const db = await getDb();
  const { budget } = await loadBudget(db, user.id);
  const [usage, days, ledger] = await Promise.all([
    getUsage(db, { userId: user.id, day: budget.day, month: budget.month }),
    listDailyUsage(db, { userId: user.id, days: lastDays(budget.day, 30) }),
    listLedgerForUser(db, { userId: user.id, limit: 100 }),
  ]);
  const { dailyImages, monthlyCredits } = budget.limits;
  const zone = env().BUDGET_TIME_ZONE;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Your usage</h1>
        <p className="mt-1 text-sm text-zinc-700">
          Images held (still running) or charged, in {zone} days and months. A failed image gives its credits
          back.
        </p>
      </div>
      <section aria-labelledby="month-heading" className="space-y-2">
        <h2 id="month-heading" className="text-lg font-semibold">
          This month
        </h2>
        <p className="text-sm text-zinc-800">
          <strong>{n(usage.month.images)}</strong> image{usage.month.images === 1 ? "" : "s"},{" "}
          <strong>{n(usage.month.credits)}</strong> credits
          {monthlyCredits === null
            ? " (no monthly limit)"
            : ` of your ${n(monthlyCredits)} credit monthly limit`}
          . Today: {n(usage.today.images)} image{usage.today.images === 1 ? "" : "s"}
          {dailyImages === null ? " (no daily limit)" : ` of ${n(dailyImages)}`}.
        </p>
      </section>
      <section aria-labelledby="days-heading" className="space-y-2">
        <h2 id="days-heading" className="text-lg font-semibold">
          Last 30 days
        </h2>
        <DailyUsageChart days={days} />
      </section>
      <section aria-labelledby="ledger-heading" className="space-y-2">
        <h2 id="ledger-heading" className="text-lg font-semibold">
          Ledger
        </h2>
        <LedgerTable entries={ledger} />
      </section>
    </div>
  );
}
