import "server-only";
import type { Db } from "@/db/client";
import { listProviderHealth } from "@/db/queries/provider-health";
import { env } from "@/lib/config/env";
import { type HostHealthView, hostHealthView } from "./health-view";
import { isSimulatedSetup, offeredProviders } from "./offers";
import { PROVIDER_PROFILES } from "./profiles";

/** Every host this instance offers, the default first, with how it has been answering (for the admin view). */
export async function listHostHealth(db: Db): Promise<HostHealthView[]> {
  const settings = env();
  const simulated = isSimulatedSetup(settings);
  const rows = new Map((await listProviderHealth(db)).map((row) => [row.provider, row]));
  return offeredProviders(settings).map((id, index) =>
    hostHealthView(
      { id, label: PROVIDER_PROFILES[id].label, simulated, isDefault: index === 0 },
      rows.get(id),
    ),
  );
}
