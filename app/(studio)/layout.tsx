import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { CreditsBreakerBanner } from "@/components/admin/credits-breaker-banner";
import { GenerationEvents } from "@/components/generations/generation-events";
import { Providers } from "@/components/providers";
import { GlobalDropZone } from "@/components/references/global-drop-zone";
import { SimulatorBanner } from "@/components/studio/simulator-banner";
import { SiteHeader } from "@/components/studio/site-header";
import { getDb } from "@/db";
import { getCurrentUser } from "@/lib/auth/current-user";
import { openBreakers, PROBE_COOLDOWN_MS } from "@/lib/billing/credit-breaker";
import { PROVIDER_PROFILES } from "@/lib/providers/profiles";
import { isSimulated } from "@/lib/upstream";

export default async function StudioLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  // Users learn of it in the composer; admins, who can act on it, on every page.
  const breakers = user.role === "admin" ? await openBreakers(await getDb()) : [];
  // The query cache lives here, not in the root layout: public share pages ship no client code of ours.
  return (
    <Providers>
      {isSimulated() && <SimulatorBanner />}
      {breakers.map(({ provider, openedAt }) => (
        <CreditsBreakerBanner
          key={provider}
          provider={provider}
          label={PROVIDER_PROFILES[provider].label}
          openedAt={openedAt.toISOString()}
          probeMinutes={PROBE_COOLDOWN_MS / 60_000}
        />
      ))}
      <SiteHeader email={user.email} isAdmin={user.role === "admin"} />
      <GlobalDropZone />
      <GenerationEvents />
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </Providers>
  );
}
