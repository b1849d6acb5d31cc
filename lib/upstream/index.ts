import "server-only";
import { env } from "@/lib/config/env";
import { type AllowedHost, allowedHostOf } from "@/lib/net/allowed-hosts";
import { isSimulatedSetup } from "@/lib/providers/offers";
import { createProviderSet, type ProviderSet } from "@/lib/providers/registry";
import type { ProviderAdapter, ProviderId } from "@/lib/providers/types";
import { writeControlSecret } from "@/lib/simulator/control-secret";
import { type Simulator, startSimulator } from "@/lib/simulator/server";

export interface Upstream {
  adapters: ReadonlyMap<ProviderId, ProviderAdapter>;
  simulated: boolean;
  /** Whether a host can POST to our APP_URL (a loopback APP_URL is unreachable from the internet). */
  acceptsCallbacks: boolean;
  /** Private hosts its result links may point at: OUTBOUND_ALLOW_HOSTS, and the bundled simulator. */
  allowHosts: readonly AllowedHost[];
}

const globalForUpstream = globalThis as typeof globalThis & { __seedreamSimulator?: Promise<Simulator> };

/** With no key configured the app talks to the bundled simulator, started once per process on loopback. */
export function ensureSimulator(): Promise<Simulator> {
  if (!globalForUpstream.__seedreamSimulator) {
    const starting = startSimulator({
      port: env().SIMULATOR_PORT,
      // The simulated KIE signs its callbacks as KIE does when a webhook key is set.
      kieWebhookKey: env().KIE_WEBHOOK_HMAC_KEY ?? null,
      log: (line, level) => (level === "info" ? console.log : console.warn)(`[simulator] ${line}`),
    }).then(async (simulator) => {
      try {
        writeControlSecret(env().DATA_DIR, simulator.controlSecret);
        return simulator;
      } catch (error) {
        await simulator.close();
        throw error;
      }
    });
    globalForUpstream.__seedreamSimulator = starting;
    starting.catch(() => {
      if (globalForUpstream.__seedreamSimulator === starting)
        globalForUpstream.__seedreamSimulator = undefined;
    });
  }
  return globalForUpstream.__seedreamSimulator;
}

export function isSimulated(): boolean {
  return isSimulatedSetup(env());
}

export function isPublicOrigin(origin: string): boolean {
  const host = new URL(origin).hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost") || host === "::1") return false;
  if (/^(127\.|10\.|192\.168\.|169\.254\.|0\.)/.test(host)) return false;
  if (/^172\.(1[6-9]|2\d|3[01])\./.test(host)) return false;
  if (/^f[cd][0-9a-f]{2}:/i.test(host)) return false;
  return true;
}

// Per module graph, not on globalThis: Next bundles the start-up code and the routes apart, each with
// its own copy of our error classes, and an adapter must throw the classes its caller checks for.
let cachedProviders: { simulator: Simulator | null; set: ProviderSet } | undefined;

/**
 * The hosts this instance sends to: each with a key, or with none the bundled simulator speaking
 * every contract SIMULATED_PROVIDERS names (started once per process on loopback).
 */
export async function getUpstream(): Promise<Upstream> {
  const settings = env();
  const { APP_URL, OUTBOUND_ALLOW_HOSTS, SEEDREAM_CALLBACKS } = settings;
  const simulator = isSimulated() ? await ensureSimulator() : null;
  const cached = cachedProviders;
  const set =
    cached && cached.simulator === simulator
      ? cached.set
      : createProviderSet(settings, () => {
          if (!simulator) throw new Error("No simulator running");
          return simulator.url;
        });
  cachedProviders = { simulator, set };
  return {
    adapters: set.adapters,
    simulated: set.simulated,
    acceptsCallbacks: simulator ? true : (SEEDREAM_CALLBACKS ?? isPublicOrigin(APP_URL)),
    // The simulator serves its results from its own loopback address: that one host, no other.
    allowHosts: simulator ? [...OUTBOUND_ALLOW_HOSTS, allowedHostOf(simulator.url)] : OUTBOUND_ALLOW_HOSTS,
  };
}

/** A row's host, or null when this instance no longer offers it (its key was removed). */
export function adapterFor(
  upstream: Pick<Upstream, "adapters">,
  provider: ProviderId,
): ProviderAdapter | null {
  return upstream.adapters.get(provider) ?? null;
}
