import type { GenerationView } from "./view";

// One click with several variations is one batch of rows; lists show it as one entry. Pure, so
// the studio, the gallery and their tests share it.

export interface BatchGroup {
  /** The batch id, or the row's own id for a single image. */
  key: string;
  /** In batch order (a single image: just itself). */
  items: GenerationView[];
}

/** The list's rows, each batch gathered where its first row appears, its rows in batch order. */
export function groupBatches(rows: readonly GenerationView[]): BatchGroup[] {
  const groups: BatchGroup[] = [];
  const byBatch = new Map<string, BatchGroup>();
  for (const row of rows) {
    const batchId = row.batch?.id;
    const existing = batchId ? byBatch.get(batchId) : undefined;
    if (existing) {
      existing.items.push(row);
      continue;
    }
    const group = { key: batchId ?? row.id, items: [row] };
    if (batchId) byBatch.set(batchId, group);
    groups.push(group);
  }
  for (const group of byBatch.values()) {
    group.items.sort((a, b) => (a.batch?.index ?? 0) - (b.batch?.index ?? 0));
  }
  return groups;
}

/**
 * The list's entries for a list cut at some number of rows (the studio's recent results): a batch
 * at the very end that the cut split is left out, rather than shown as if images were missing.
 */
export function wholeGroups(rows: readonly GenerationView[]): BatchGroup[] {
  const groups = groupBatches(rows);
  const last = groups.at(-1);
  const size = last?.items[0]?.batch?.size ?? 0;
  return groups.length > 1 && last && last.items.length < size ? groups.slice(0, -1) : groups;
}

const FAILED = new Set<GenerationView["status"]>(["failed", "timed_out"]);

export interface BatchProgress {
  size: number;
  made: number;
  running: number;
  /** Why each missing image is missing, one line per distinct reason. */
  reasons: string[];
  /** "3 of 4 made", "2 of 4 made so far", "All 4 made". */
  summary: string;
}

export function batchProgress(rows: readonly GenerationView[]): BatchProgress {
  const size = Math.max(rows.length, rows[0]?.batch?.size ?? rows.length);
  const made = rows.filter((row) => row.status === "succeeded").length;
  const running = rows.filter((row) => !FAILED.has(row.status) && row.status !== "succeeded").length;
  const reasons = [
    ...new Set(
      rows.flatMap((row) => (FAILED.has(row.status) || row.status === "unknown" ? [row.error?.message] : [])),
    ),
  ].map((message) => message ?? "Something went wrong.");
  const summary =
    made === size ? `All ${size} made` : `${made} of ${size} made${running > 0 ? " so far" : ""}`;
  return { size, made, running, reasons, summary };
}
