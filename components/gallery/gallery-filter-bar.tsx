"use client";

import { useEffect, useState } from "react";
import type { GalleryFilters, StatusFilter } from "@/lib/generations/gallery-filters";

const selectClass = "rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm";

/** Search and filters; typing waits for a pause before asking the server. */
export function GalleryFilterBar({
  filters,
  onChange,
}: {
  filters: GalleryFilters;
  onChange: (filters: GalleryFilters) => void;
}) {
  const [text, setText] = useState(filters.q ?? "");
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
          placeholder="lighthouse, watercolour…"
          maxLength={200}
          className="rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm text-zinc-900"
        />
      </label>
      <label className="flex flex-col gap-1 text-xs text-zinc-600">
        Mode
        <select
          value={filters.mode ?? ""}
          onChange={(event) =>
            onChange({ ...filters, mode: (event.target.value || undefined) as GalleryFilters["mode"] })
          }
          className={selectClass}
        >
          <option value="">All</option>
          <option value="generate">Generated</option>
          <option value="edit">Edited</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs text-zinc-600">
        Status
        <select
          value={filters.status ?? ""}
          onChange={(event) =>
            onChange({ ...filters, status: (event.target.value || undefined) as StatusFilter | undefined })
          }
          className={selectClass}
        >
          <option value="">All</option>
          <option value="done">Done</option>
          <option value="running">Running</option>
          <option value="failed">Failed</option>
        </select>
      </label>
      <label className="flex items-center gap-2 pb-1.5 text-sm">
        <input
          type="checkbox"
          checked={filters.starred}
          onChange={(event) => onChange({ ...filters, starred: event.target.checked })}
        />
        Starred only
      </label>
    </search>
  );
}
