"use client";

import { useState } from "react";
import { dismissGenerationAction } from "@/app/(studio)/actions";
import { Button } from "@/components/ui/button";

/** Puts a failed result away from the studio's list (it stays in the gallery's failures). */
export function DismissButton({
  generationId,
  onDismissed,
}: {
  generationId: string;
  onDismissed: () => void;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dismiss = async () => {
    setPending(true);
    setError(null);
    try {
      const result = await dismissGenerationAction({ generationId });
      if (result.ok) onDismissed();
      else setError(result.error.message);
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  };
  return (
    <div className="flex flex-col gap-1">
      <Button variant="ghost" onClick={dismiss} disabled={pending}>
        {pending ? "Dismissing…" : "Dismiss"}
      </Button>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
