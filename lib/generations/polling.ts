/**
 * How often a task of a given age is looked at: about once a second at first, then calmer (most
 * tasks end within a minute, a few run for many). Under `belowAgeMs`, every `everyMs`; past the
 * last step, every `POLL_LAST_STEP_MS`. The browser's fallback polls and the worker's checks
 * (db/queries/generation-lifecycle.ts) both follow it.
 */
export const POLL_STEPS: readonly { belowAgeMs: number; everyMs: number }[] = [
  { belowAgeMs: 20_000, everyMs: 1000 },
  { belowAgeMs: 60_000, everyMs: 1500 },
  { belowAgeMs: 180_000, everyMs: 3000 },
];
export const POLL_LAST_STEP_MS = 6000;

export function pollIntervalMs(taskAgeMs: number): number {
  return POLL_STEPS.find((step) => taskAgeMs < step.belowAgeMs)?.everyMs ?? POLL_LAST_STEP_MS;
}
