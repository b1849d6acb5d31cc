"use client";

import { useState } from "react";
import { createShareAction } from "@/app/(studio)/gallery/actions";
import { Button } from "@/components/ui/button";
import { InlineAlert } from "@/components/ui/form-alert";
import { useServerAction } from "@/components/ui/use-server-action";
import { sendShareLink } from "./share-link";
import { describeShareOutcome, type ShareItem, ShareList } from "./share-list";
import { useToast } from "./toast";

/** Creates share links for one image and lists the active ones. */
export function SharePanel({
  generationId,
  prompt,
  shareBaseUrl,
  initial,
}: {
  generationId: string;
  prompt: string;
  shareBaseUrl: string;
  initial: ShareItem[];
}) {
  const [showPrompt, setShowPrompt] = useState(false);
  const [allowIndexing, setAllowIndexing] = useState(false);
  const [shares, setShares] = useState(initial);
  const { toast, show } = useToast();
  const { run, pending: busy, error } = useServerAction();
  const create = () =>
    run(
      () => createShareAction({ generationId, showPrompt, allowIndexing }),
      async ({ id, token }) => {
        const url = `${shareBaseUrl}/s/${token}`;
        setShares((list) => [
          {
            id,
            url,
            generationId,
            prompt,
            showPrompt,
            allowIndexing,
            viewCount: 0,
            createdAt: new Date().toISOString(),
            thumbnailSrc: null,
          },
          ...list,
        ]);
        // Made to be sent: straight to the clipboard (or a phone's share sheet), no second click.
        show(describeShareOutcome(await sendShareLink(url)));
      },
    );
  return (
    <section aria-labelledby="share-heading" className="space-y-3">
      <h2 id="share-heading" className="font-medium">
        Share
      </h2>
      <div className="space-y-2 rounded-lg border border-zinc-200 bg-white p-3">
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={showPrompt}
            onChange={(event) => setShowPrompt(event.target.checked)}
          />
          Show the prompt on the shared page
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={allowIndexing}
            onChange={(event) => setAllowIndexing(event.target.checked)}
          />
          Let search engines index it
        </label>
        {/* Once a link exists, sending it is the main thing; another link is the exception. */}
        <Button onClick={create} disabled={busy} variant={shares.length === 0 ? "primary" : "secondary"}>
          {busy ? "Creating…" : shares.length === 0 ? "Create share link" : "Create another link"}
        </Button>
        <InlineAlert message={error} />
      </div>
      <ShareList
        shares={shares}
        onRevoked={(id) => setShares((list) => list.filter((s) => s.id !== id))}
        onToast={show}
      />
      {toast}
    </section>
  );
}
