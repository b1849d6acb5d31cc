"use client";

import { dismissGenerationAction } from "@/app/(studio)/actions";
import { ActionButton } from "@/components/ui/action-button";

/** Puts a failed result away from the studio's list (it stays in the gallery's failures). */
export function DismissButton({
  generationId,
  onDismissed,
}: {
  generationId: string;
  onDismissed: () => void;
}) {
  return (
    <ActionButton
      variant="ghost"
      action={() => dismissGenerationAction({ generationId })}
      onSuccess={onDismissed}
      busyLabel="Dismissing…"
    >
      Dismiss
    </ActionButton>
  );
}
