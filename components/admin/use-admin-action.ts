"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/http/action";

/** Runs an admin action, shows its error, and re-reads the page's server data when it succeeds. */
export function useAdminAction() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = <T>(call: () => Promise<ActionResult<T>>, onDone?: (data: T) => void) => {
    setError(null);
    startTransition(async () => {
      try {
        const result = await call();
        if (!result.ok) {
          setError(result.error.message);
          return;
        }
        onDone?.(result.data);
        router.refresh();
      } catch {
        setError("Could not reach the server. Check your connection and try again.");
      }
    });
  };
  return { run, error, pending };
}
