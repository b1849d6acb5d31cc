"use client";

import Link from "next/link";
import { useState } from "react";
import { revokeShareAction } from "@/app/(studio)/gallery/actions";
import { Button } from "@/components/ui/button";

export interface ShareItem {
  id: string;
  url: string;
  generationId: string;
  prompt: string;
  showPrompt: boolean;
  allowIndexing: boolean;
  viewCount: number;
  createdAt: string;
  thumbnailSrc: string | null;
}

function ShareRow({
  share,
  showImage,
  onRevoked,
}: {
  share: ShareItem;
  showImage: boolean;
  onRevoked: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const revoke = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await revokeShareAction({ id: share.id });
      if (!result.ok) throw new Error(result.error.message);
      onRevoked();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "Could not revoke the link.");
      setBusy(false);
    }
  };
  return (
    <li
      aria-label={`Share link for ${share.prompt}`}
      className="flex gap-3 rounded-lg border border-zinc-200 bg-white p-3 text-sm"
    >
      {showImage && share.thumbnailSrc && (
        <Link href={`/g/${share.generationId}`} className="shrink-0">
          {/* biome-ignore lint/performance/noImgElement: our own owner-checked route serves these */}
          <img src={share.thumbnailSrc} alt={share.prompt} className="h-16 w-16 rounded-md object-cover" />
        </Link>
      )}
      <div className="min-w-0 flex-1 space-y-2">
        <input
          readOnly
          value={share.url}
          aria-label="Share link"
          onFocus={(event) => event.target.select()}
          className="w-full truncate rounded border border-zinc-200 bg-zinc-50 px-2 py-1 font-mono text-xs"
        />
        <div className="flex flex-wrap items-center gap-2">
          <p className="mr-auto text-xs text-zinc-500">
            <span data-testid="view-count">
              {share.viewCount} view{share.viewCount === 1 ? "" : "s"}
            </span>{" "}
            · prompt {share.showPrompt ? "shown" : "hidden"} ·{" "}
            {share.allowIndexing ? "search engines allowed" : "not indexed"} · created{" "}
            {new Date(share.createdAt).toLocaleDateString("en")}
          </p>
          <Button
            variant="secondary"
            className="px-3 py-1"
            onClick={async () => {
              await navigator.clipboard.writeText(share.url).then(
                () => setCopied(true),
                () => setCopied(false),
              );
            }}
          >
            {copied ? "Copied" : "Copy link"}
          </Button>
          <Button variant="secondary" className="px-3 py-1 text-red-700" onClick={revoke} disabled={busy}>
            {busy ? "Revoking…" : "Revoke"}
          </Button>
        </div>
        {error && (
          <p role="alert" className="text-xs text-red-700">
            {error}
          </p>
        )}
      </div>
    </li>
  );
}

/** Active share links with their view counts; revoking one removes it from the list at once. */
export function ShareList({
  shares,
  onRevoked,
  showImages = false,
}: {
  shares: ShareItem[];
  onRevoked: (id: string) => void;
  showImages?: boolean;
}) {
  if (shares.length === 0) return <p className="text-sm text-zinc-500">No active share links.</p>;
  return (
    <ul aria-label="Active share links" className="space-y-2">
      {shares.map((share) => (
        <ShareRow key={share.id} share={share} showImage={showImages} onRevoked={() => onRevoked(share.id)} />
      ))}
    </ul>
  );
}

/** Every active link of the user, for the Shared links page. */
export function AllShares({ initial }: { initial: ShareItem[] }) {
  const [shares, setShares] = useState(initial);
  return (
    <ShareList
      shares={shares}
      showImages
      onRevoked={(id) => setShares((list) => list.filter((s) => s.id !== id))}
    />
  );
}
