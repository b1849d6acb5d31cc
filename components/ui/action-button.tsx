"use client";

import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/http/action";
import { Button } from "./button";
import { InlineAlert } from "./form-alert";
import { useServerAction } from "./use-server-action";

/** A button that runs one server action, says so while it runs, and shows its error under it. */
export function ActionButton<T>({
  action,
  onSuccess,
  busyLabel,
  unreachable,
  variant,
  children,
}: {
  action: () => Promise<ActionResult<T>>;
  onSuccess: (data: T) => void;
  busyLabel: string;
  /** What to say when the server could not be reached, if "try again" is not the right advice. */
  unreachable?: string;
  variant?: "primary" | "secondary" | "ghost";
  children: ReactNode;
}) {
  const { run, pending, error } = useServerAction({ unreachable });
  return (
    <div className="flex flex-col gap-1">
      <Button variant={variant} onClick={() => run(action, onSuccess)} disabled={pending}>
        {pending ? busyLabel : children}
      </Button>
      <InlineAlert message={error} />
    </div>
  );
}
