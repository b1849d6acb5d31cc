"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { setCollectionMembershipAction } from "@/app/(studio)/gallery/collection-actions";
import { announce } from "@/components/ui/announcer";
import { Modal } from "@/components/ui/modal";
import type { BoardView } from "@/lib/collections/board-view";
import type { GenerationView } from "@/lib/generations/view";
import { NewBoardForm } from "./new-board-form";
import { boardsQueryKey, useBoards, useBoardsChanged } from "./use-boards";

/** Which boards hold one image: a checkbox per board, and a new board made with it on. */
export function BoardsDialog({
  generation,
  onClose,
}: {
  generation: GenerationView | null;
  onClose: () => void;
}) {
  return (
    <Modal open={generation !== null} title="Boards" onClose={onClose}>
      {generation && <BoardChoices generation={generation} />}
    </Modal>
  );
}

function BoardChoices({ generation }: { generation: GenerationView }) {
  const boards = useBoards(generation.id);
  const client = useQueryClient();
  const changed = useBoardsChanged();
  const [error, setError] = useState<string | null>(null);
  const setMember = async (board: { id: string; name: string }, member: boolean) => {
    setError(null);
    const key = boardsQueryKey(generation.id);
    client.setQueryData<BoardView[]>(key, (list) =>
      list?.map((item) => (item.id === board.id ? { ...item, hasImage: member } : item)),
    );
    try {
      const result = await setCollectionMembershipAction({
        collectionId: board.id,
        generationId: generation.id,
        member,
      });
      if (!result.ok) throw new Error(result.error.message);
      announce(member ? `Added to ${board.name}` : `Removed from ${board.name}`);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "Could not change the board.");
    } finally {
      changed();
    }
  };
  return (
    <div className="space-y-4 text-sm">
      <p className="line-clamp-2 text-zinc-600">{generation.prompt}</p>
      {boards.isPending ? (
        <p className="text-zinc-500">Loading…</p>
      ) : boards.isError ? (
        <p role="alert" className="text-red-700">
          {boards.error.message}
        </p>
      ) : boards.data.length === 0 ? (
        <p className="text-zinc-600">No boards yet: name one below and this image goes on it.</p>
      ) : (
        <ul aria-label="Your boards" className="max-h-64 space-y-1 overflow-y-auto">
          {boards.data.map((board) => (
            <li key={board.id}>
              <label className="flex items-center gap-2 rounded-md px-2 py-1 hover:bg-zinc-50">
                <input
                  type="checkbox"
                  checked={board.hasImage}
                  onChange={(event) => void setMember(board, event.target.checked)}
                />
                <span className="flex-1">{board.name}</span>
                <span className="text-xs text-zinc-500">{board.count}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      )}
      <NewBoardForm onCreated={(board) => void setMember(board, true)} />
    </div>
  );
}
