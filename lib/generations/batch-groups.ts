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

export interface BatchTileState {
  batchId: string;
  count: number;
  expanded: boolean;
}

export interface CollapsedList {
  /** What the grid shows: each batch as its cover, or, expanded, its cover then the rest. */
  shown: GenerationView[];
  /** Every row, as `shown` would list them with every batch expanded (the viewer's order). */
  all: GenerationView[];
  /** By the id of a batch's cover: how many the batch holds and whether all are shown. */
  batches: Map<string, BatchTileState>;
}

/**
 * A paged list (the gallery's) with each batch as one entry, wherever the pages cut it. The cover
 * is the batch's first image on the first page that has any: a page loaded later may bring an
 * earlier variation, but never changes which tile stands for the batch (nor, so, what is selected).
 */
export function collapseBatches(
  pages: readonly (readonly GenerationView[])[],
  expanded: ReadonlySet<string>,
): CollapsedList {
  const pageOf = new Map<string, number>();
  pages.forEach((page, index) => {
    for (const row of page) pageOf.set(row.id, index);
  });
  const list: CollapsedList = { shown: [], all: [], batches: new Map() };
  for (const { key, items } of groupBatches(pages.flat())) {
    const [first] = items;
    if (!first) continue;
    if (items.length === 1) {
      list.shown.push(first);
      list.all.push(first);
      continue;
    }
    // The group's rows in list order: its first row is on the first page that has the batch.
    const firstPage = Math.min(...items.map((row) => pageOf.get(row.id) ?? 0));
    const cover = items.find((row) => pageOf.get(row.id) === firstPage) ?? first;
    const rest = items.filter((row) => row !== cover);
    const open = expanded.has(key);
    list.batches.set(cover.id, { batchId: key, count: items.length, expanded: open });
    list.shown.push(...(open ? [cover, ...rest] : [cover]));
    list.all.push(cover, ...rest);
  }
  return list;
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
