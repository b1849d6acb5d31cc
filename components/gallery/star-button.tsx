"use client";

import { useState } from "react";
import { setStarredAction } from "@/app/(studio)/gallery/actions";

/** Stars at once and settles with the server; a refusal puts the star back and says why. */
export function StarButton({
  id,
  starred: initial,
  onChange,
  className = "",
}: {
  id: string;
  starred: boolean;
  onChange?: (starred: boolean) => void;
  className?: string;
}) {
  const [starred, setStarred] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const toggle = async () => {
    const next = !starred;
    setStarred(next);
    setError(null);
    try {
      const result = await setStarredAction({ id, starred: next });
      if (!result.ok) throw new Error(result.error.message);
      onChange?.(next);
    } catch (caught) {
      setStarred(!next);
      setError(caught instanceof Error ? caught.message : "Could not save the star.");
    }
  };
  return (
    <>
      <button
        type="button"
        aria-pressed={starred}
        aria-label="Star"
        title={starred ? "Starred: click to unstar" : "Star"}
        onClick={toggle}
        className={`rounded-md px-2 py-1 text-lg leading-none ${starred ? "text-amber-500" : "text-zinc-400 hover:text-zinc-700"} ${className}`}
      >
        {starred ? "★" : "☆"}
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </>
  );
}
