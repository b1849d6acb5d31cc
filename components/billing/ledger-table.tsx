import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import type { LedgerItem } from "@/db/queries/usage-reports";

const KIND_WORDS: Record<LedgerItem["kind"], string> = {
  hold: "Held while it runs",
  charge: "Charged (the upstream made it)",
  release: "Released (not charged)",
  adjustment: "Settled by an admin",
};

function what(entry: LedgerItem): string {
  if (entry.kind !== "adjustment") return KIND_WORDS[entry.kind];
  return entry.note === "released" ? "Released by an admin" : "Charged by an admin";
}

/** The ledger entries, newest first, each tied to its generation while that still exists. */
export function LedgerTable({ entries }: { entries: LedgerItem[] }) {
  if (entries.length === 0) return <p className="text-sm text-zinc-600">Nothing spent yet.</p>;
  return (
    <DataTable columns={["When (UTC)", "What", { label: "Credits", numeric: true }, "Image"]}>
      {entries.map((entry) => (
        <tr key={entry.id} className="border-t border-zinc-200">
          <td className="py-2 pr-3 whitespace-nowrap">
            {entry.createdAt.toISOString().slice(0, 19).replace("T", " ")}
          </td>
          <td className="py-2 pr-3">{what(entry)}</td>
          <td className="py-2 pr-3 text-right">{entry.credits}</td>
          <td className="py-2">
            {entry.generationId && entry.prompt !== null ? (
              <Link href={`/g/${entry.generationId}`} className="line-clamp-1 text-violet-700 underline">
                {entry.prompt}
              </Link>
            ) : (
              <span className="text-zinc-500">deleted</span>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
