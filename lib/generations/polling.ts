/** About once a second at first, then calmer: most tasks end within a minute, a few run for many. */
export function pollIntervalMs(taskAgeMs: number): number {
  if (taskAgeMs < 20_000) return 1000;
  if (taskAgeMs < 60_000) return 1500;
  if (taskAgeMs < 180_000) return 3000;
  return 6000;
}
