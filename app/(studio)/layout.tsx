import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { GlobalDropZone } from "@/components/references/global-drop-zone";
import { SimulatorBanner } from "@/components/studio/simulator-banner";
import { SiteHeader } from "@/components/studio/site-header";
import { getCurrentUser } from "@/lib/auth/current-user";
import { isSimulated } from "@/lib/upstream";

export default async function StudioLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return (
    <>
      {isSimulated() && <SimulatorBanner />}
      <SiteHeader email={user.email} isAdmin={user.role === "admin"} />
      <GlobalDropZone />
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}
