import type { Env } from "@/lib/config/env";
import { allowedHostOf } from "@/lib/net/allowed-hosts";
import { createApiInOneAdapter } from "./api-in-one";
import { createArkAdapter } from "./ark";
import { withRequestChecks } from "./checked-adapter";
import { createFalAdapter } from "./fal";
import { createKieAdapter } from "./kie";
import { isSimulatedSetup, offeredProviders } from "./offers";
import type { ProviderAdapter, ProviderId } from "./types";

// Which hosts this instance offers, built from settings: every host with a key, or (with none) the
// bundled simulator speaking the contracts SIMULATED_PROVIDERS names. The only place that knows
// how each host is configured.

type Builders = Record<ProviderId, (settings: Env) => ProviderAdapter>;

const realHosts: Builders = {
  "api-in-one": (s) =>
    createApiInOneAdapter({ baseUrl: s.SEEDREAM_API_URL, apiKey: s.SEEDREAM_API_KEY ?? "" }),
  kie: (s) =>
    createKieAdapter({
      baseUrl: s.KIE_API_URL,
      apiKey: s.KIE_API_KEY ?? "",
      uploadUrl: s.KIE_UPLOAD_URL,
      webhookKey: s.KIE_WEBHOOK_HMAC_KEY,
    }),
  ark: (s) => createArkAdapter({ baseUrl: s.ARK_BASE_URL, apiKey: s.ARK_API_KEY ?? "", model: s.ARK_MODEL }),
  fal: (s) =>
    createFalAdapter({
      queueUrl: s.FAL_QUEUE_URL,
      apiKey: s.FAL_KEY ?? "",
      storageUrl: s.FAL_STORAGE_URL,
      allowHosts: s.OUTBOUND_ALLOW_HOSTS,
    }),
};

function simulatedHosts(simulatorUrl: string): Builders {
  const apiKey = "simulator";
  return {
    "api-in-one": () => createApiInOneAdapter({ baseUrl: `${simulatorUrl}/api/v1`, apiKey }),
    kie: (s) =>
      createKieAdapter({
        baseUrl: simulatorUrl,
        apiKey,
        uploadUrl: simulatorUrl,
        webhookKey: s.KIE_WEBHOOK_HMAC_KEY,
      }),
    ark: (s) => createArkAdapter({ baseUrl: `${simulatorUrl}/api/v3`, apiKey, model: s.ARK_MODEL }),
    // The simulated storage hands out upload URLs on its own loopback address: that host, no other.
    fal: (s) =>
      createFalAdapter({
        queueUrl: simulatorUrl,
        apiKey,
        storageUrl: simulatorUrl,
        allowHosts: [...s.OUTBOUND_ALLOW_HOSTS, allowedHostOf(simulatorUrl)],
      }),
  };
}

export interface ProviderSet {
  adapters: ReadonlyMap<ProviderId, ProviderAdapter>;
  defaultProvider: ProviderId;
  simulated: boolean;
}

/** The hosts to offer; `simulatorUrl` is only read when no key is set. */
export function createProviderSet(settings: Env, simulatorUrl: () => string): ProviderSet {
  const simulated = isSimulatedSetup(settings);
  const ids = offeredProviders(settings);
  const builders = simulated ? simulatedHosts(simulatorUrl()) : realHosts;
  const adapters = new Map(ids.map((id) => [id, withRequestChecks(builders[id](settings))] as const));
  const [first] = ids;
  if (!first) throw new Error("No provider to offer");
  return { adapters, defaultProvider: first, simulated };
}
