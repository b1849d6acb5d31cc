import { logEvent } from "@/lib/logging/log";

export type CheckResult = "ok" | "failed" | "skipped";

export interface Readiness {
  ready: boolean;
  checks: Record<string, CheckResult>;
  /** The parts that failed, by name only: no hosts, messages or settings. */
  failing: string[];
}

/** One slow part must not hold the answer past what a load balancer waits. */
export const CHECK_TIMEOUT_MS = 3000;

function withTimeout(check: () => Promise<void>, ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timed out")), ms);
    check()
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}

/** Runs every check at once; a check given as null was not configured and counts as skipped. */
export async function checkReadiness(
  checks: Record<string, (() => Promise<void>) | null>,
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<Readiness> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      if (!check) return [name, "skipped"];
      try {
        await withTimeout(check, timeoutMs);
        return [name, "ok"];
      } catch (error) {
        logEvent("ready", "check failed", { check: name }, error);
        return [name, "failed"];
      }
    }),
  );
  const failing = results.filter(([, result]) => result === "failed").map(([name]) => name);
  return { ready: failing.length === 0, checks: Object.fromEntries(results), failing };
}
