import { DataTable } from "@/components/ui/data-table";
import type { HostHealthView, HostState } from "@/lib/providers/health-view";

// How each upstream host has been answering: a host failing three calls in a row stands out with
// when it started and what it last said (our words for its error code, never the host's text).

function When({ iso }: { iso: string }) {
  return <time dateTime={iso}>{iso.slice(0, 19).replace("T", " ")} UTC</time>;
}

function StateCell({ state }: { state: HostState }) {
  switch (state.kind) {
    case "no_calls":
      return <span className="text-zinc-600">No calls yet</span>;
    case "healthy":
      return (
        <span>
          <span className="font-medium text-emerald-800">Healthy</span>
          {state.failuresInRow > 0 && (
            <span className="block text-zinc-600">
              {state.failuresInRow} failed {state.failuresInRow === 1 ? "call" : "calls"} in a row
            </span>
          )}
        </span>
      );
    case "failing":
      return (
        <span className="font-medium text-red-700">
          Failing since <When iso={state.since} /> ({state.failuresInRow} in a row)
        </span>
      );
  }
}

export function HostHealthTable({ hosts }: { hosts: HostHealthView[] }) {
  return (
    <DataTable columns={["Host", "State", "Last error", { label: "Last success", nowrap: true }]}>
      {hosts.map((host) => (
        <tr
          key={host.id}
          aria-label={`Host ${host.label}`}
          data-state={host.state.kind}
          className="border-t border-zinc-200 align-top"
        >
          <th scope="row" className="py-2 pr-3 font-medium">
            {host.label}
            {(host.simulated || host.isDefault) && (
              <span className="block font-normal text-zinc-600">
                {[host.simulated && "simulated", host.isDefault && "default"].filter(Boolean).join(", ")}
              </span>
            )}
          </th>
          <td className="py-2 pr-3">
            <StateCell state={host.state} />
          </td>
          <td className="py-2 pr-3">
            {host.lastError ? (
              <>
                <code className="text-xs">{host.lastError.code}</code>{" "}
                <span className="text-zinc-600">
                  at <When iso={host.lastError.at} />
                </span>
                <span className="block">{host.lastError.message}</span>
              </>
            ) : (
              <span className="text-zinc-600">None</span>
            )}
          </td>
          <td className="py-2 whitespace-nowrap">
            {host.lastSuccessAt ? (
              <When iso={host.lastSuccessAt} />
            ) : (
              <span className="text-zinc-600">Never</span>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
