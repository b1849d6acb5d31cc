"use client";

import { type DragEvent, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { MAX_REFERENCES, REFERENCE_NOTICE_ABOVE, REFERENCE_TYPES } from "@/lib/media/reference-limits";
import type { ReferenceTray as Tray } from "./use-reference-tray";

// Reordering inside the tray carries this type, so the page-wide file drop ignores it.
const REORDER_TYPE = "application/x-seedream-reference";

function TrayButton({ label, onClick, children }: { label: string; onClick: () => void; children: string }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className="flex h-6 w-6 items-center justify-center rounded bg-white/90 text-xs text-zinc-800 shadow hover:bg-white"
    >
      {children}
    </button>
  );
}

export function ReferenceTray({
  tray,
  unreachableWarning,
  maxReferences = MAX_REFERENCES,
}: {
  tray: Tray;
  unreachableWarning: string | null;
  /** What the chosen host takes in one edit (fal: 10). */
  maxReferences?: number;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const count = tray.items.length;

  const dropOn = (index: number) => (event: DragEvent) => {
    const from = event.dataTransfer.getData(REORDER_TYPE);
    if (from === "") return;
    event.preventDefault();
    event.stopPropagation();
    tray.move(Number(from), index);
    setDragging(null);
  };

  return (
    <section aria-labelledby="references-heading" className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <h2 id="references-heading" className="text-sm font-medium">
          Reference images{" "}
          <span className="font-normal text-zinc-500">
            {count} / {maxReferences}
          </span>
        </h2>
        <Button variant="secondary" className="px-3 py-1.5" onClick={() => input.current?.click()}>
          Add images
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          accept={REFERENCE_TYPES.join(",")}
          aria-label="Choose reference images"
          tabIndex={-1}
          className="sr-only"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = "";
            void tray.addFiles(files);
          }}
        />
      </div>
      {count === 0 ? (
        <p className="text-xs text-zinc-500">
          To edit, drop JPEG, PNG or WebP images anywhere on the page, paste them, pick them with Add images,
          or use “Edit this” on a result. The prompt can name them as image 1, image 2, …
        </p>
      ) : (
        <ol aria-label="Reference images" className="grid grid-cols-3 gap-2 sm:grid-cols-4">
          {tray.items.map((item, index) => {
            const label = `image ${index + 1}`;
            return (
              <li
                key={item.key}
                data-reference-name={item.name}
                draggable
                onDragStart={(event) => {
                  event.dataTransfer.setData(REORDER_TYPE, String(index));
                  event.dataTransfer.effectAllowed = "move";
                  setDragging(index);
                }}
                onDragEnd={() => setDragging(null)}
                onDragOver={(event) => {
                  if (event.dataTransfer.types.includes(REORDER_TYPE)) event.preventDefault();
                }}
                onDrop={dropOn(index)}
                className={`group relative overflow-hidden rounded-lg border bg-zinc-100 ${dragging === index ? "opacity-50" : ""} ${item.mediaId ? "border-zinc-200" : "border-violet-300"}`}
              >
                {/* biome-ignore lint/performance/noImgElement: a local preview or our own owner-checked thumbnail */}
                <img
                  src={item.previewSrc}
                  alt={`${label}: ${item.name}`}
                  width={item.width}
                  height={item.height}
                  className="aspect-square h-auto w-full object-cover"
                />
                <span className="absolute top-1 left-1 rounded bg-zinc-900/75 px-1.5 py-0.5 text-[11px] font-medium text-white">
                  {label}
                </span>
                {item.mediaId === null && (
                  <span
                    role="status"
                    className="absolute inset-x-0 top-1/2 -translate-y-1/2 bg-violet-700/85 py-0.5 text-center text-[11px] text-white"
                  >
                    Uploading…{item.progress !== undefined && item.progress < 100 ? ` ${item.progress}%` : ""}
                  </span>
                )}
                {/* Along the bottom edge, so they never cover the "image n" label at the top. */}
                <div className="absolute right-1 bottom-1 flex gap-1 opacity-100 sm:opacity-0 sm:group-focus-within:opacity-100 sm:group-hover:opacity-100">
                  {index > 0 && (
                    <TrayButton label={`Move ${label} earlier`} onClick={() => tray.move(index, index - 1)}>
                      ←
                    </TrayButton>
                  )}
                  {index < count - 1 && (
                    <TrayButton label={`Move ${label} later`} onClick={() => tray.move(index, index + 1)}>
                      →
                    </TrayButton>
                  )}
                  <TrayButton label={`Remove ${label}`} onClick={() => tray.remove(index)}>
                    ×
                  </TrayButton>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {count > REFERENCE_NOTICE_ABOVE && (
        <p className="rounded-lg bg-amber-50 p-2 text-xs text-amber-900">
          More than {REFERENCE_NOTICE_ABOVE} references: Seedream accepts up to {MAX_REFERENCES}, but parts of
          its documentation say {REFERENCE_NOTICE_ABOVE}, so the later images may count for less.
        </p>
      )}
      {tray.rejections.length > 0 && (
        <div role="alert" className="space-y-1 rounded-lg bg-red-50 p-2 text-sm text-red-800">
          <ul aria-label="Files not added" className="list-disc space-y-0.5 pl-5">
            {tray.rejections.map((rejection) => (
              <li key={rejection.key}>{rejection.message}</li>
            ))}
          </ul>
          <button type="button" onClick={tray.dismissRejections} className="text-xs underline">
            Dismiss
          </button>
        </div>
      )}
      {count > 0 && unreachableWarning && (
        <p role="note" className="rounded-lg bg-amber-50 p-2 text-xs text-amber-900">
          {unreachableWarning}
        </p>
      )}
    </section>
  );
}
