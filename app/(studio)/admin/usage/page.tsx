import type { Metadata } from "next";
import { PossiblyChargedList, type PossiblyChargedView } from "@/components/admin/possibly-charged-list";
import { UserUsageTable, type UserUsageView } from "@/components/admin/user-usage-table";
import { UsageGauge } from "@/components/billing/usage-gauge";
import { getDb } from "@/db";
import { getStudioMonth, listPossiblyCharged, listUsageByUser } from "@/db/queries/usage-reports";
import { listAllLimitOverrides } from "@/db/queries/user-limits";
import { requireAdmin } from "@/lib/auth/current-user";
import { settingFor } from "@/lib/billing/limits";
import { budgetPeriods } from "@/lib/billing/periods";
import { env } from "@/lib/config/env";

export const metadata: Metadata = { title: "Usage and limits · Admin" };

const n = (value: number) => value.toLocaleString("en");

export default async function AdminUsagePage() {
  await requireAdmin();
  const db = await getDb();
  const settings = env();
  const periods = budgetPeriods(new Date(), settings.BUDGET_TIME_ZONE);
  const [usage, overrides, studio, open] = await Promise.all([
    listUsageByUser(db, periods),
    listAllLimitOverrides(db),
    getStudioMonth(db, periods.month),
    listPossiblyCharged(db, { limit: 100 }),
  ]);
  const users: UserUsageView[] = usage.map((row) => ({
    ...row,
    dailyImages: settingFor(overrides.get(row.id) ?? [], "daily_images"),
    monthlyCredits: settingFor(overrides.get(row.id) ?? [], "monthly_credits"),
  }));
  const possiblyCharged: PossiblyChargedView[] = open.map((item) => ({
    ...item,
    createdAt: item.createdAt.toISOString(),
  }));
  return (
    <div className="space-y-8">
      <section aria-labelledby="studio-heading" className="space-y-3">
        <h2 id="studio-heading" className="text-lg font-semibold">
          The studio this month ({periods.month}, {settings.BUDGET_TIME_ZONE})
        </h2>
        {settings.MONTHLY_CREDITS === undefined ? (
          <p className="text-sm text-zinc-700">
            {n(studio.credits)} credits held or charged for {n(studio.images)} images. No studio budget is set
            (<code>MONTHLY_CREDITS</code>).
          </p>
        ) : (
          <UsageGauge used={studio.credits} limit={settings.MONTHLY_CREDITS} label="The studio this month" />
        )}
      </section>
      <section aria-labelledby="usage-heading" className="space-y-3">
        <h2 id="usage-heading" className="text-lg font-semibold">
          Users this month
        </h2>
        <p className="text-sm text-zinc-700">
          Held (still running) and charged images count; failed ones give their credits back. Defaults come
          from <code>USER_DAILY_IMAGES</code> and <code>USER_MONTHLY_CREDITS</code>; a change applies to the
          next submit.
        </p>
        <UserUsageTable
          users={users}
          defaults={{
            dailyImages: settings.USER_DAILY_IMAGES ?? null,
            monthlyCredits: settings.USER_MONTHLY_CREDITS ?? null,
          }}
        />
      </section>
      <section aria-labelledby="open-heading" className="space-y-3">
        <h2 id="open-heading" className="text-lg font-semibold">
          Possibly charged ({possiblyCharged.length})
        </h2>
        <p className="text-sm text-zinc-700">
          The upstream never told us how these ended, so they may have been charged and keep counting against
          the limits. Check them on the API in One dashboard, then settle each.
        </p>
        <PossiblyChargedList items={possiblyCharged} />
      </section>
    </div>
  );
}
