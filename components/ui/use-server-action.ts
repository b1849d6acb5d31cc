"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/http/action";

export const SERVER_UNREACHABLE = "Could not reach the server. Check your connection and try again.";

/**
 * Runs a server action from a click: busy while it runs, its error message kept to show (or what to do
 * when the server could not be reached), and `onSuccess` given the data when it worked.
 */
export function useServerAction({ unreachable = SERVER_UNREACHABLE }: { unreachable?: string } = {}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async <T>(
    call: () => Promise<ActionResult<T>>,
    onSuccess: (data: T) => void | Promise<void>,
  ) => {
    setPending(true);
    setError(null);
    try {
      const result = await call();
      if (result.ok) await onSuccess(result.data);
      else setError(result.error.message);
    } catch {
      setError(unreachable);
    } finally {
      setPending(false);
    }
  };
  return { run, pending, error };
}
