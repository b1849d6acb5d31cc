import "server-only";
import { env } from "@/lib/config/env";
import { type AllowedHost, allowedHostOf } from "@/lib/net/allowed-hosts";
import { createSeedreamClient, type SeedreamClient } from "@/lib/seedream/client";
import { writeControlSecret } from "@/lib/simulator/control-secret";
import { type Simulator, startSimulator } from "@/lib/simulator/server";

export interface Upstream {
  client: SeedreamClient;
  simulated: boolean;
  /** Whether the upstream can POST to our APP_URL (a loopback APP_URL is unreachable from the internet). */
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
  return !env().SEEDREAM_API_KEY;
}

export function isPublicOrigin(origin: string): boolean {
  const host = new URL(origin).hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost") || host === "::1") return false;
  if (/^(127\.|10\.|192\.168\.|169\.254\.|0\.)/.test(host)) return false;
  if (/^172\.(1[6-9]|2\d|3[01])\./.test(host)) return false;
  if (/^f[cd][0-9a-f]{2}:/i.test(host)) return false;
  return true;
}

let realClient: SeedreamClient | undefined;
let simulatorClient: { simulator: Simulator; client: SeedreamClient } | undefined;

export async function getUpstream(): Promise<Upstream> {
  const { SEEDREAM_API_KEY, SEEDREAM_API_URL, APP_URL, OUTBOUND_ALLOW_HOSTS, SEEDREAM_CALLBACKS } = env();
  if (SEEDREAM_API_KEY) {
    realClient ??= createSeedreamClient({ baseUrl: SEEDREAM_API_URL, apiKey: SEEDREAM_API_KEY });
    return {
      client: realClient,
      simulated: false,
      acceptsCallbacks: SEEDREAM_CALLBACKS ?? isPublicOrigin(APP_URL),
      allowHosts: OUTBOUND_ALLOW_HOSTS,
    };
  }
  const simulator = await ensureSimulator();
  if (simulatorClient?.simulator !== simulator) {
    simulatorClient = {
      simulator,
      client: createSeedreamClient({ baseUrl: simulator.apiUrl, apiKey: "simulator" }),
    };
  }
  return {
    client: simulatorClient.client,
    simulated: true,
    acceptsCallbacks: true,
    // The simulator serves its results from its own loopback address: that one host, no other.
    allowHosts: [...OUTBOUND_ALLOW_HOSTS, allowedHostOf(simulator.url)],
  };
}
