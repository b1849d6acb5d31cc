import type { HostOffer } from "@/lib/billing/allowance";
import { pricesOf } from "@/lib/billing/prices";
import { type Env, keyedProviders } from "@/lib/config/env";
import { PROVIDER_PROFILES } from "./profiles";
import type { ProviderId } from "./types";

/**
 * The hosts this instance offers, the default first: every host with a key, or (with none) the
 * bundled simulator speaking the contracts SIMULATED_PROVIDERS names. DEFAULT_PROVIDER picks the
 * default among them; otherwise the first in the usual order.
 */
export function offeredProviders(settings: Env): ProviderId[] {
  const keyed = keyedProviders(settings);
  const ids = keyed.length > 0 ? keyed : settings.SIMULATED_PROVIDERS;
  const preferred = settings.DEFAULT_PROVIDER;
  if (!preferred || !ids.includes(preferred)) return [...ids];
  return [preferred, ...ids.filter((id) => id !== preferred)];
}

/** With no key set, every host is the simulator speaking its contract. */
export const isSimulatedSetup = (settings: Env): boolean => keyedProviders(settings).length === 0;

/**
 * What the composer may offer: each host's label, price per image and how it takes references.
 * Only a host that fetches our signed URLs needs APP_URL to be reachable from the internet; one
 * that takes data URIs or its own uploads works behind NAT.
 */
export function hostOffers(settings: Env, exhausted: ReadonlySet<ProviderId>): HostOffer[] {
  return offeredProviders(settings).map((id) => {
    const { label, capabilities } = PROVIDER_PROFILES[id];
    return {
      id,
      label,
      prices: pricesOf(id),
      maxReferences: capabilities.maxReferences,
      fetchesReferences: capabilities.referenceTransport === "public-url",
      creditsExhausted: exhausted.has(id),
    };
  });
}
