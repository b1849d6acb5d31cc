"use client";

import { useState } from "react";
import { setUserLimitsAction } from "@/app/(studio)/admin/actions";
import { ACTIONS_COLUMN, DataTable, RowAlert, RowButton } from "@/components/ui/data-table";
import type { LimitSetting } from "@/lib/billing/limits";
import { LimitField } from "./limit-field";
import { useAdminAction } from "./use-admin-action";

export interface UserUsageView {
  id: string;
  email: string;
  imagesToday: number;
  imagesThisMonth: number;
  creditsThisMonth: number;
  dailyImages: LimitSetting;
  monthlyCredits: LimitSetting;
}

const same = (a: LimitSetting, b: LimitSetting) =>
  a.kind === b.kind && (a.kind !== "custom" || (b.kind === "custom" && a.value === b.value));

function UserUsageRow({
  user,
  defaults,
}: {
  user: UserUsageView;
  defaults: { dailyImages: number | null; monthlyCredits: number | null };
}) {
  const { run, error, pending } = useAdminAction();
  const [dailyImages, setDailyImages] = useState(user.dailyImages);
  const [monthlyCredits, setMonthlyCredits] = useState(user.monthlyCredits);
  const changed = !same(dailyImages, user.dailyImages) || !same(monthlyCredits, user.monthlyCredits);
  return (
    <tr aria-label={`Usage of ${user.email}`} className="border-t border-zinc-200 align-top">
      <td className="py-2 pr-3">
        <div className="font-medium">{user.email}</div>
        <RowAlert message={error} />
      </td>
      <td className="py-2 pr-3 text-right">{user.imagesToday}</td>
      <td className="py-2 pr-3 text-right">{user.imagesThisMonth}</td>
      <td className="py-2 pr-3 text-right">{user.creditsThisMonth.toLocaleString("en")}</td>
      <td className="py-2 pr-3">
        <LimitField
          label={`Images per day for ${user.email}`}
          unit="images"
          fallback={defaults.dailyImages}
          value={dailyImages}
          onChange={setDailyImages}
        />
      </td>
      <td className="py-2 pr-3">
        <LimitField
          label={`Credits per month for ${user.email}`}
          unit="credits"
          fallback={defaults.monthlyCredits}
          value={monthlyCredits}
          onChange={setMonthlyCredits}
        />
      </td>
      <td className="py-2">
        <RowButton
          disabled={pending || !changed}
          onClick={() =>
            run(() =>
              setUserLimitsAction({
                userId: user.id,
                limits: { daily_images: dailyImages, monthly_credits: monthlyCredits },
              }),
            )
          }
        >
          {pending ? "Saving…" : "Save limits"}
        </RowButton>
      </td>
    </tr>
  );
}

export function UserUsageTable({
  users,
  defaults,
}: {
  users: UserUsageView[];
  defaults: { dailyImages: number | null; monthlyCredits: number | null };
}) {
  return (
    <DataTable
      columns={[
        "User",
        { label: "Images today", numeric: true },
        { label: "Images this month", numeric: true },
        { label: "Credits this month", numeric: true },
        "Images per day",
        "Credits per month",
        ACTIONS_COLUMN,
      ]}
    >
      {users.map((user) => (
        <UserUsageRow
          // Saved settings come back with a refresh: a new key starts the row from them.
          key={`${user.id}:${JSON.stringify([user.dailyImages, user.monthlyCredits])}`}
          user={user}
          defaults={defaults}
        />
      ))}
    </DataTable>
  );
}
