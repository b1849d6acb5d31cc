"use client";

import { useEffect, useState } from "react";
import { useBoards } from "@/components/collections/use-boards";
import { Button } from "@/components/ui/button";
import { useOpenedOnce } from "@/components/ui/modal";
import { onDemand } from "@/components/ui/on-demand";
import type { BoardView } from "@/lib/collections/board-view";
import type { GalleryFilters, StatusFilter } from "@/lib/generations/gallery-filters";

// Loaded when first opened: the gallery's first load carries the filters, not the board editor.
const ManageBoardsDialog = onDemand(() =>
  import("@/components/collections/manage-boards-dialog").then((module) => module.ManageBoardsDialog),
);

const MODE_OPTIONS = [
  { value: "generate", label: "Generated" },
  { value: "edit", label: "Edited" },
] as const;
const STATUS_OPTIONS = [
  { value: "done", label: "Done" },
  { value: "running", label: "Running" },
  { value: "failed", label: "Failed" },
] as const satisfies readonly { value: StatusFilter; label: string }[];

/** A labelled select whose first choice, "All", clears the filter. */
function FilterSelect<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T | undefined;
  options: readonly { value: T; label: string }[];
  onChange: (value: T | undefined) => void;
}) {
  return (
    <label className="flex flex-col gap-1 text-xs text-zinc-600">
      {label}
      <select
        value={value ?? ""}
        onChange={(event) => onChange(options.find((option) => option.value === event.target.value)?.value)}
        className="rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm"
      >
        <option value="">All</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Search and filters; typing waits for a pause before asking the server. */
export function GalleryFilterBar({
  filters,
  onChange,
  initialBoards,
}: {
  filters: GalleryFilters;
  onChange: (filters: GalleryFilters) => void;
  initialBoards: BoardView[];
}) {
  const [text, setText] = useState(filters.q ?? "");
  const [managing, setManaging] = useState(false);
  const managingLoaded = useOpenedOnce(managing);
  const boards = useBoards(undefined, initialBoards).data ?? [];
  const boardOptions = boards.map((board) => ({ value: board.id, label: board.name }));
  useEffect(() => {
    const q = text.trim() || undefined;
    if (q === filters.q) return;
    const timer = setTimeout(() => onChange({ ...filters, q }), 300);
    return () => clearTimeout(timer);
  }, [text, filters, onChange]);

  return (
    <search className="flex flex-wrap items-end gap-3">
      <label className="flex min-w-56 flex-1 flex-col gap-1 text-xs text-zinc-600">
        Search prompts
        <input
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") onChange({ ...filters, q: text.trim() || undefined });
          }}
          placeholder="lighthouse, watercolour…  ( / )"
          data-shortcut="search"
          aria-keyshortcuts="/"
          maxLength={200}
          className="rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm text-zinc-900"
        />
      </label>
      <FilterSelect
        label="Mode"
        value={filters.mode}
        options={MODE_OPTIONS}
        onChange={(mode) => onChange({ ...filters, mode })}
      />
      <FilterSelect
        label="Status"
        value={filters.status}
        options={STATUS_OPTIONS}
        onChange={(status) => onChange({ ...filters, status })}
      />
      <label className="flex items-center gap-2 pb-1.5 text-sm">
        <input
          type="checkbox"
          checked={filters.starred}
          onChange={(event) => onChange({ ...filters, starred: event.target.checked })}
        />
        Starred only
      </label>
      <FilterSelect
        label="Board"
        value={filters.board}
        options={boardOptions}
        onChange={(board) => onChange({ ...filters, board })}
      />
      <Button variant="ghost" className="px-2 py-1.5" onClick={() => setManaging(true)}>
        Manage boards…
      </Button>
      {managingLoaded && (
        <ManageBoardsDialog
          open={managing}
          onClose={() => setManaging(false)}
          onDeleted={(id) => {
            if (filters.board === id) onChange({ ...filters, board: undefined });
          }}
        />
      )}
    </search>
  );
}
