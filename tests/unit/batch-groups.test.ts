import { describe, expect, it } from "vitest";
import { batchProgress, collapseBatches, groupBatches, wholeGroups } from "@/lib/generations/batch-groups";
import type { GenerationView } from "@/lib/generations/view";

const BATCH = "00000000-0000-4000-8000-0000000000b1";

function row(
  id: string,
  overrides: Partial<GenerationView> & { index?: number; size?: number } = {},
): GenerationView {
  const { index, size, ...rest } = overrides;
  return {
    id,
    status: "succeeded",
    phase: "succeeded",
    progress: null,
    prompt: "foxes",
    mode: "generate",
    aspectRatio: "1:1",
    quality: "basic",
    costCredits: 20,
    provider: "fal",
    batch: index === undefined ? null : { id: BATCH, index, size: size ?? 4 },
    starred: false,
    createdAt: "2026-11-26T12:00:00.000Z",
    completedAt: null,
    error: null,
    image: null,
    retrying: null,
    ...rest,
  };
}

describe("groupBatches", () => {
  it("gathers a batch where its first row appears, in batch order, and leaves single images alone", () => {
    const groups = groupBatches([
      row("single-newer"),
      row("b2", { index: 2 }),
      row("b0", { index: 0 }),
      row("b3", { index: 3 }),
      row("b1", { index: 1 }),
      row("single-older"),
    ]);
    expect(groups.map((group) => group.key)).toEqual(["single-newer", BATCH, "single-older"]);
    expect(groups[1]?.items.map((item) => item.id)).toEqual(["b0", "b1", "b2", "b3"]);
  });
});

describe("collapseBatches", () => {
  const ids = (rows: readonly GenerationView[]) => rows.map((item) => item.id);

  it("shows a batch the gallery's pages cut in two as one tile, whose cover stays as more pages load", () => {
    // Rows of one click share their time, so the pages hold them in id order: any cut is possible.
    const firstPage = [row("newer"), row("b2", { index: 2 }), row("b3", { index: 3 })];
    const secondPage = [row("b0", { index: 0 }), row("b1", { index: 1 }), row("older")];

    const before = collapseBatches([firstPage], new Set());
    expect(ids(before.shown)).toEqual(["newer", "b2"]);
    expect(before.batches.get("b2")).toEqual({ batchId: BATCH, count: 2, expanded: false });

    const after = collapseBatches([firstPage, secondPage], new Set());
    expect(ids(after.shown)).toEqual(["newer", "b2", "older"]);
    expect(after.batches.get("b2")).toEqual({ batchId: BATCH, count: 4, expanded: false });
    expect([...after.batches.keys()]).toEqual(["b2"]);
    // The viewer steps through every image once, the batch's together.
    expect(ids(after.all)).toEqual(["newer", "b2", "b0", "b1", "b3", "older"]);

    const open = collapseBatches([firstPage, secondPage], new Set([BATCH]));
    expect(ids(open.shown)).toEqual(["newer", "b2", "b0", "b1", "b3", "older"]);
    expect(open.batches.get("b2")?.expanded).toBe(true);
  });

  it("covers a batch on one page with its first variation, and leaves single images alone", () => {
    const page = [row("b1", { index: 1 }), row("single"), row("b0", { index: 0 })];
    const list = collapseBatches([page], new Set());
    expect(ids(list.shown)).toEqual(["b0", "single"]);
    expect(ids(list.all)).toEqual(["b0", "b1", "single"]);
    expect(list.batches.has("single")).toBe(false);
    expect(ids(collapseBatches([page], new Set([BATCH])).shown)).toEqual(["b0", "b1", "single"]);
  });
});

describe("wholeGroups", () => {
  it("leaves out a batch the end of the list cut in two, and keeps one that is all there", () => {
    const cut = [row("single"), row("b0", { index: 0 }), row("b1", { index: 1 })];
    expect(wholeGroups(cut).map((group) => group.key)).toEqual(["single"]);
    const whole = [row("single"), ...[0, 1, 2, 3].map((index) => row(`b${index}`, { index }))];
    expect(wholeGroups(whole).map((group) => group.key)).toEqual(["single", BATCH]);
    // A list that is only part of a batch still shows it: there is nothing else to show.
    expect(wholeGroups(cut.slice(1))).toHaveLength(1);
  });
});

describe("batchProgress", () => {
  const withheld = {
    status: "failed" as const,
    phase: "failed" as const,
    error: { code: "not_made", message: "This variation was not made (filtered)." },
  };

  it("says how many of the batch were made and why the others were not", () => {
    const progress = batchProgress([
      row("b0", { index: 0 }),
      row("b1", { index: 1 }),
      row("b2", { index: 2 }),
      row("b3", { index: 3, ...withheld }),
    ]);
    expect(progress).toMatchObject({ made: 3, size: 4, running: 0, summary: "3 of 4 made" });
    expect(progress.reasons).toEqual(["This variation was not made (filtered)."]);
  });

  it("counts the batch's size even when the list holds only part of it, and says when more may come", () => {
    const progress = batchProgress([
      row("b0", { index: 0 }),
      row("b1", { index: 1, status: "running", phase: "generating" }),
    ]);
    expect(progress.summary).toBe("1 of 4 made so far");
  });

  it("names a complete batch as such", () => {
    expect(batchProgress([row("b0", { index: 0, size: 2 }), row("b1", { index: 1, size: 2 })]).summary).toBe(
      "All 2 made",
    );
  });
});
