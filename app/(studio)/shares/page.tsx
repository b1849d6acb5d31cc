import type { Metadata } from "next";
import { AllShares } from "@/components/shares/share-list";
import { getDb } from "@/db";
import { listSharesForUser } from "@/db/queries/shares";
import { requireUser } from "@/lib/auth/current-user";
import { toShareItem } from "@/lib/shares/to-item";

export const metadata: Metadata = { title: "Shared links" };

export default async function SharesPage() {
  const user = await requireUser();
  const shares = await listSharesForUser(await getDb(), { userId: user.id });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Shared links</h1>
      <p className="text-sm text-zinc-600">
        Anyone with one of these links can see that image, without an account. Revoking a link stops it at
        once.
      </p>
      <AllShares initial={shares.map(toShareItem)} />
    </div>
  );
}
