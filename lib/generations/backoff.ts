// How long to leave the upstream (or a result host) alone after it failed us. Applied through
// next_check_at in the database, so every tab, sweep and instance keeps the same pace.

const STATUS_BASE_MS = 2000;
const STATUS_CAP_MS = 2 * 60_000;
// A longer Retry-After is not believed: the task's own deadline is 15 minutes.
const RETRY_AFTER_CAP_MS = 10 * 60_000;

/** After the n-th failed status check in a row: 2 s, 4 s, 8 s … 2 min, or what Retry-After asks. */
export function statusRetryDelayMs(failures: number, retryAfterMs: number | null = null): number {
  const exponential = Math.min(STATUS_CAP_MS, STATUS_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.max(exponential, Math.min(retryAfterMs ?? 0, RETRY_AFTER_CAP_MS));
}

// The upstream's result links live about a day and the image is paid for: a result host that is
// down for a while is waited out (about 35 minutes over 7 tries) before the image is given up.
export const MAX_INGEST_ATTEMPTS = 7;
const INGEST_BASE_MS = 10_000;
const INGEST_CAP_MS = 15 * 60_000;

/** After the n-th failed download: 10 s, 30 s, 1.5 min, 4.5 min, 13.5 min, 15 min. */
export function ingestRetryDelayMs(attempt: number): number {
  return Math.min(INGEST_CAP_MS, INGEST_BASE_MS * 3 ** Math.max(0, attempt - 1));
}

/** Past this age a finished image that is still not downloaded is given up, whatever happened. */
export const DOWNLOAD_DEADLINE_MS = 2 * 60 * 60_000;
