"use client";

import { useState } from "react";
import { deleteCollectionAction, renameCollectionAction } from "@/app/(studio)/gallery/collection-actions";
import { announce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";
import type { BoardView } from "@/lib/collections/board-view";
import { NewBoardForm } from "./new-board-form";
import { useBoards, useBoardsChanged } from "./use-boards";

/** Create, rename and delete boards. Deleting one keeps its images. */
export function ManageBoardsDialog({
  open,
  onClose,
  onDeleted,
}: {
  open: boolean;
  onClose: () => void;
  onDeleted: (id: string) => void;
}) {
  const boards = useBoards();
  const changed = useBoardsChanged();
  return (
    <Modal open={open} title="Boards" onClose={onClose}>
      <div className="space-y-4 text-sm">
        <ul aria-label="Your boards" className="max-h-80 space-y-2 overflow-y-auto">
          {(boards.data ?? []).map((board) => (
            <BoardRow key={board.id} board={board} onChanged={changed} onDeleted={onDeleted} />
          ))}
        </ul>
        {boards.data?.length === 0 && <p className="text-zinc-600">No boards yet.</p>}
        <NewBoardForm
          onCreated={(board) => {
            announce(`Created ${board.name}`);
            changed();
          }}
        />
      </div>
    </Modal>
  );
}

function BoardRow({
  board,
  onChanged,
  onDeleted,
}: {
  board: BoardView;
  onChanged: () => void;
  onDeleted: (id: string) => void;
}) {
  const [name, setName] = useState(board.name);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<{ ok: boolean; error?: { message: string } }>, done: () => void) => {
    setError(null);
    const result = await work().catch(() => ({
      ok: false,
      error: { message: "Could not reach the server." },
    }));
    if (!result.ok) setError(result.error?.message ?? "That did not work.");
    else done();
    onChanged();
  };
  const rename = () =>
    run(
      () => renameCollectionAction({ id: board.id, name }),
      () => announce(`Renamed to ${name.trim()}`),
    );
  const remove = () =>
    run(
      () => deleteCollectionAction({ id: board.id }),
      () => {
        announce(`Deleted ${board.name}`);
        onDeleted(board.id);
      },
    );
  return (
    <li className="space-y-1">
      <form
        className="flex items-center gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          void rename();
        }}
      >
        <input
          aria-label={`Name of ${board.name}`}
          value={name}
          maxLength={60}
          onChange={(event) => setName(event.target.value)}
          className="min-w-0 flex-1 rounded-lg border border-zinc-300 px-2 py-1"
        />
        <span className="w-8 text-right text-xs text-zinc-500" title="Images on this board">
          {board.count}
        </span>
        {name.trim() !== board.name && (
          <Button type="submit" variant="secondary" className="px-2 py-1">
            Rename
          </Button>
        )}
        {confirming ? (
          <>
            <Button className="bg-red-700 px-2 py-1 hover:bg-red-800" onClick={() => void remove()}>
              Delete {board.name}
            </Button>
            <Button variant="ghost" className="px-2 py-1" onClick={() => setConfirming(false)}>
              Keep
            </Button>
          </>
        ) : (
          <Button variant="ghost" className="px-2 py-1 text-red-700" onClick={() => setConfirming(true)}>
            Delete…
          </Button>
        )}
      </form>
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
    </li>
  );
}
