"use client";

import Link from "next/link";
import { useState } from "react";
import { revokeShareAction } from "@/app/(studio)/gallery/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { InlineAlert } from "@/components/ui/form-alert";
import { useServerAction } from "@/components/ui/use-server-action";
import { type ShareOutcome, sendShareLink } from "./share-link";
import { useToast } from "./toast";

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
  onCopied,
}: {
  share: ShareItem;
  showImage: boolean;
  onRevoked: () => void;
  onCopied: (outcome: ShareOutcome) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const { run, pending: busy, error } = useServerAction();
  const revoke = async () => {
    await run(() => revokeShareAction({ id: share.id }), onRevoked);
    setConfirming(false);
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
            onClick={async () => onCopied(await sendShareLink(share.url))}
          >
            Copy link
          </Button>
          <Button
            variant="secondary"
            className="px-3 py-1 text-red-700"
            onClick={() => setConfirming(true)}
            disabled={busy}
          >
            Revoke
          </Button>
        </div>
        <InlineAlert message={error} className="text-xs" />
      </div>
      <ConfirmDialog
        open={confirming}
        title="Turn off this link?"
        confirmLabel="Turn off link"
        busyLabel="Turning off…"
        busy={busy}
        onConfirm={revoke}
        onCancel={() => setConfirming(false)}
      >
        Anyone who opens it from now on sees that it was turned off. The image stays in your gallery, and you
        can make a new link at any time.
      </ConfirmDialog>
    </li>
  );
}

/** What the toast says once a link has gone where it was sent. */
export function describeShareOutcome(outcome: ShareOutcome): string {
  if (outcome === "shared") return "Link shared";
  if (outcome === "copied") return "Link copied";
  return "Copy the link from the box below";
}

/** Active share links with their view counts; revoking one removes it from the list at once. */
export function ShareList({
  shares,
  onRevoked,
  onToast,
  showImages = false,
}: {
  shares: ShareItem[];
  onRevoked: (id: string) => void;
  onToast: (message: string) => void;
  showImages?: boolean;
}) {
  if (shares.length === 0) return <p className="text-sm text-zinc-500">No active share links.</p>;
  return (
    <ul aria-label="Active share links" className="space-y-2">
      {shares.map((share) => (
        <ShareRow
          key={share.id}
          share={share}
          showImage={showImages}
          onRevoked={() => {
            onRevoked(share.id);
            onToast("Link turned off");
          }}
          onCopied={(outcome) => onToast(describeShareOutcome(outcome))}
        />
      ))}
    </ul>
  );
}

/** Every active link of the user, for the Shared links page. */
export function AllShares({ initial }: { initial: ShareItem[] }) {
  const [shares, setShares] = useState(initial);
  const { toast, show } = useToast();
  return (
    <>
      <ShareList
        shares={shares}
        showImages
        onRevoked={(id) => setShares((list) => list.filter((s) => s.id !== id))}
        onToast={show}
      />
      {toast}
    </>
  );
}
