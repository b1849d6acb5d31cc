import type { Db } from "@/db/client";
import { insertAuditEvent } from "@/db/queries/audit-events";
import {
  claimBreakerProbe,
  closeBreaker,
  getBreaker,
  listOpenBreakers,
  openBreaker,
} from "@/db/queries/credit-breakers";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { logEvent } from "@/lib/logging/log";
import { offeredProviders } from "@/lib/providers/offers";
import type { ProviderId } from "@/lib/providers/types";
import { CREDITS_EXHAUSTED_MESSAGE } from "./allowance";
import { CURRENT_PROVIDER } from "./prices";

// When the upstream account runs out of credits, every further create would be refused too: stop
// them at our side. One submission per cool-down goes through as a probe, so the studio resumes by
// itself once someone tops the account up; an admin can also clear the breaker at once.

export const PROBE_COOLDOWN_MS = 10 * 60_000;

/**
 * Lets a submission through, or refuses it while the breaker is open. A submission let through
 * while open is the probe: its create's answer closes the breaker or keeps it open.
 */
export async function admitSubmission(
  db: Db,
  provider: ProviderId = CURRENT_PROVIDER,
  { cooldownMs = PROBE_COOLDOWN_MS } = {},
): Promise<void> {
  const breaker = await getBreaker(db, provider);
  if (!breaker) return;
  if (await claimBreakerProbe(db, { provider, cooldownMs })) {
    logEvent("billing", "credits probe let through", { provider });
    return;
  }
  throw new AppError("credits_exhausted", CREDITS_EXHAUSTED_MESSAGE);
}

/** The host answered a create with "out of credits". */
export async function recordOutOfCredits(db: Db, generationId: string, provider: ProviderId): Promise<void> {
  if (await openBreaker(db, provider)) {
    logEvent("billing", "credits breaker opened", { id: generationId, code: "out_of_credits" });
    await insertAuditEvent(db, {
      action: "credits_breaker_opened",
      detail: `${provider}: generation ${generationId}`,
    });
  }
}

/**
 * The upstream accepted a create: it has credits, whatever the breaker said. Never throws: the
 * task is already running, and a breaker left open only waits for the next probe.
 */
export async function recordCreateAccepted(
  db: Db,
  generationId: string,
  provider: ProviderId,
): Promise<void> {
  try {
    if (await closeBreaker(db, provider)) {
      logEvent("billing", "credits breaker closed by a probe", { id: generationId });
    }
  } catch (error) {
    logEvent("billing", "credits breaker close failed", { id: generationId }, error);
  }
}

/** The offered hosts whose accounts ran out of credits, with when. */
export async function openBreakers(db: Db): Promise<{ provider: ProviderId; openedAt: Date }[]> {
  const offered = offeredProviders(env());
  const open = await listOpenBreakers(db, offered);
  return offered.flatMap((provider) => {
    const breaker = open.find((row) => row.provider === provider);
    return breaker ? [{ provider, openedAt: breaker.openedAt }] : [];
  });
}

/** An admin says the account has credits again: submissions resume at once. */
export async function clearCreditsBreaker(
  db: Db,
  adminId: string,
  provider: ProviderId = CURRENT_PROVIDER,
): Promise<{ cleared: boolean }> {
  const cleared = await closeBreaker(db, provider);
  if (cleared) {
    await insertAuditEvent(db, { action: "credits_breaker_cleared", actorId: adminId, detail: provider });
  }
  return { cleared };
}
