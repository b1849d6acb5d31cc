"use client";

import { useState } from "react";
import { createCollectionAction } from "@/app/(studio)/gallery/collection-actions";
import { Button } from "@/components/ui/button";

/** A name and an Add button; tells the caller the new board's id. */
export function NewBoardForm({ onCreated }: { onCreated: (board: { id: string; name: string }) => void }) {
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await createCollectionAction({ name });
      if (!result.ok) throw new Error(result.error.message);
      setName("");
      onCreated(result.data);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "Could not create the board.");
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="space-y-1"
      onSubmit={(event) => {
        event.preventDefault();
        void create();
      }}
    >
      <div className="flex gap-2">
        <label className="sr-only" htmlFor="new-board-name">
          New board name
        </label>
        <input
          id="new-board-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={60}
          placeholder="New board…"
          className="min-w-0 flex-1 rounded-lg border border-zinc-300 px-3 py-1.5 text-sm"
        />
        <Button type="submit" variant="secondary" disabled={busy || name.trim() === ""}>
          Create
        </Button>
      </div>
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
