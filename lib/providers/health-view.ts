import type { ProviderHealth } from "@/db/schema";
import type { ProviderId } from "./types";

// What the admin view says about one host, from its health row. Pure: the same words in tests.

/** Failures in a row before a host is called failing: one or two are a blip, not an outage. */
export const FAILING_AFTER = 3;

export type HostState =
  | { kind: "no_calls" }
  | { kind: "healthy"; failuresInRow: number }
  | { kind: "failing"; since: string; failuresInRow: number };

export interface HostHealthView {
  id: ProviderId;
  label: string;
  simulated: boolean;
  isDefault: boolean;
  state: HostState;
  lastError: { code: string; message: string; at: string } | null;
  lastSuccessAt: string | null;
}

export interface OfferedHost {
  id: ProviderId;
  label: string;
  simulated: boolean;
  isDefault: boolean;
}

function stateOf(row: ProviderHealth | undefined): HostState {
  if (!row || (!row.lastSuccessAt && !row.lastFailureAt)) return { kind: "no_calls" };
  const failuresInRow = row.consecutiveFailures;
  const since = row.failingSince ?? row.lastFailureAt;
  if (failuresInRow >= FAILING_AFTER && since) {
    return { kind: "failing", since: since.toISOString(), failuresInRow };
  }
  return { kind: "healthy", failuresInRow };
}

export function hostHealthView(host: OfferedHost, row: ProviderHealth | undefined): HostHealthView {
  const failedAt = row?.lastFailureAt;
  return {
    ...host,
    state: stateOf(row),
    lastError:
      row && failedAt && row.lastErrorCode
        ? { code: row.lastErrorCode, message: row.lastErrorMessage ?? "", at: failedAt.toISOString() }
        : null,
    lastSuccessAt: row?.lastSuccessAt?.toISOString() ?? null,
  };
}
