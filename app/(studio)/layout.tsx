import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { CreditsBreakerBanner } from "@/components/admin/credits-breaker-banner";
import { GenerationEvents } from "@/components/generations/generation-events";
import { Providers } from "@/components/providers";
import { GlobalDropZone } from "@/components/references/global-drop-zone";
import { SimulatorBanner } from "@/components/studio/simulator-banner";
import { SiteHeader } from "@/components/studio/site-header";
import { getDb } from "@/db";
import { getBreaker } from "@/db/queries/credit-breakers";
import { getCurrentUser } from "@/lib/auth/current-user";
import { PROBE_COOLDOWN_MS } from "@/lib/billing/credit-breaker";
import { CURRENT_PROVIDER } from "@/lib/billing/prices";
import { isSimulated } from "@/lib/upstream";

export default async function StudioLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  // Users learn of it in the composer; admins, who can act on it, on every page.
  const breaker = user.role === "admin" ? await getBreaker(await getDb(), CURRENT_PROVIDER) : undefined;
  // The query cache lives here, not in the root layout: public share pages ship no client code of ours.
  return (
    <Providers>
      {isSimulated() && <SimulatorBanner />}
      {breaker && (
        <CreditsBreakerBanner
          openedAt={breaker.openedAt.toISOString()}
          probeMinutes={PROBE_COOLDOWN_MS / 60_000}
        />
      )}
      <SiteHeader email={user.email} isAdmin={user.role === "admin"} />
      <GlobalDropZone />
      <GenerationEvents />
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </Providers>
  );
}
