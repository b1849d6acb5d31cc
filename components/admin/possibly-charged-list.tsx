"use client";

import { settleHoldAction } from "@/app/(studio)/admin/actions";
import { ACTIONS_COLUMN, DataTable, RowAlert, RowButton } from "@/components/ui/data-table";
import { useAdminAction } from "./use-admin-action";

export interface PossiblyChargedView {
  id: string;
  userEmail: string | null;
  prompt: string;
  status: string;
  costCredits: number;
  createdAt: string;
}

function PossiblyChargedRow({ item }: { item: PossiblyChargedView }) {
  const { run, error, pending } = useAdminAction();
  return (
    <tr aria-label={`Possibly charged: ${item.prompt}`} className="border-t border-zinc-200 align-top">
      <td className="py-2 pr-3 whitespace-nowrap">{item.createdAt.slice(0, 16).replace("T", " ")}</td>
      <td className="py-2 pr-3">{item.userEmail ?? "deleted user"}</td>
      <td className="py-2 pr-3">
        <span className="line-clamp-2">{item.prompt}</span>
        <RowAlert message={error} />
      </td>
      <td className="py-2 pr-3">{item.status.replace("_", " ")}</td>
      <td className="py-2 pr-3 text-right">{item.costCredits}</td>
      <td className="py-2">
        <div className="flex flex-wrap gap-1">
          <RowButton
            disabled={pending}
            onClick={() => run(() => settleHoldAction({ generationId: item.id, as: "charged" }))}
          >
            Mark charged
          </RowButton>
          <RowButton
            disabled={pending}
            onClick={() => run(() => settleHoldAction({ generationId: item.id, as: "released" }))}
          >
            Release
          </RowButton>
        </div>
      </td>
    </tr>
  );
}

/** Outcomes the upstream never reported: held (counted) until an admin checks and decides. */
export function PossiblyChargedList({ items }: { items: PossiblyChargedView[] }) {
  if (items.length === 0) return <p className="text-sm text-zinc-600">None: every outcome is settled.</p>;
  return (
    <DataTable
      columns={[
        "Created (UTC)",
        "User",
        "Prompt",
        "Status",
        { label: "Credits", numeric: true },
        ACTIONS_COLUMN,
      ]}
    >
      {items.map((item) => (
        <PossiblyChargedRow key={item.id} item={item} />
      ))}
    </DataTable>
  );
}
