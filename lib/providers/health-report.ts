import "server-only";
import type { Db } from "@/db/client";
import { listProviderHealth } from "@/db/queries/provider-health";
import { env, keyedProviders } from "@/lib/config/env";
import { ensureSimulator } from "@/lib/upstream";
import { type HostHealthView, hostHealthView } from "./health-view";
import { createProviderSet } from "./registry";

/** Every host this instance offers, with how it has been answering (for the admin view). */
export async function listHostHealth(db: Db): Promise<HostHealthView[]> {
  const settings = env();
  // Without a key every host is the bundled simulator, already running since start-up.
  const simulator = keyedProviders(settings).length === 0 ? await ensureSimulator() : null;
  const offered = createProviderSet(settings, () => simulator?.url ?? "");
  const rows = new Map((await listProviderHealth(db)).map((row) => [row.provider, row]));
  return [...offered.adapters.values()].map((adapter) =>
    hostHealthView(
      {
        id: adapter.id,
        label: adapter.label,
        simulated: offered.simulated,
        isDefault: adapter.id === offered.defaultProvider,
      },
      rows.get(adapter.id),
    ),
  );
}
