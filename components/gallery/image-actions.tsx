"use client";

import Link from "next/link";
import { useState } from "react";
import { deleteGenerationsAction } from "@/app/(studio)/gallery/actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { GenerationView } from "@/lib/generations/view";

const itemClass =
  "block w-full rounded-md px-3 py-1.5 text-left text-sm text-zinc-800 hover:bg-zinc-100 focus-visible:bg-zinc-100";

/**
 * What can be done with one image: download, copy the prompt, remix, edit, delete. The same
 * list serves the gallery's menus and the image page.
 */
export function ImageActions({
  generation,
  onDeleted,
}: {
  generation: GenerationView;
  onDeleted: (id: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const copyPrompt = async () => {
    try {
      await navigator.clipboard.writeText(generation.prompt);
      setMessage({ text: "Prompt copied.", error: false });
    } catch {
      setMessage({ text: "The browser did not allow copying; select the prompt and copy it.", error: true });
    }
  };
  const remove = async () => {
    setBusy(true);
    try {
      const result = await deleteGenerationsAction({ ids: [generation.id] });
      if (!result.ok) throw new Error(result.error.message);
      setConfirming(false);
      onDeleted(generation.id);
    } catch (caught) {
      setConfirming(false);
      setMessage({ text: caught instanceof Error ? caught.message : "Could not delete.", error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-1">
      <ul className="space-y-0.5">
        {generation.image && (
          <li>
            <a href={`/api/generations/${generation.id}/download`} download className={itemClass}>
              Download original
            </a>
          </li>
        )}
        <li>
          <button type="button" onClick={copyPrompt} className={itemClass}>
            Copy prompt
          </button>
        </li>
        <li>
          <Link href={`/?remix=${generation.id}`} className={itemClass}>
            Remix
          </Link>
        </li>
        {generation.image && (
          <li>
            <Link href={`/?reference=${generation.image.id}`} className={itemClass}>
              Edit this
            </Link>
          </li>
        )}
        <li>
          <button type="button" onClick={() => setConfirming(true)} className={`${itemClass} text-red-700`}>
            Delete…
          </button>
        </li>
      </ul>
      {message && (
        <p
          role={message.error ? "alert" : "status"}
          className={`px-3 text-xs ${message.error ? "text-red-700" : "text-emerald-700"}`}
        >
          {message.text}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title="Delete this image?"
        confirmLabel="Delete"
        busy={busy}
        onConfirm={remove}
        onCancel={() => setConfirming(false)}
      >
        The image and its stored files are removed and any share links to it stop working. This cannot be
        undone.
      </ConfirmDialog>
    </div>
  );
}
