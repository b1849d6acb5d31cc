import { Studio } from "@/components/studio/studio";
import { getDb } from "@/db";
import { listGenerationsByUser } from "@/db/queries/generations";
import { requireUser } from "@/lib/auth/current-user";
import { toGenerationView } from "@/lib/generations/to-view";
import { isSimulated } from "@/lib/upstream";

export default async function CreatePage() {
  const user = await requireUser();
  // Running generations come back with the page, so a reload keeps watching them.
  const { items } = await listGenerationsByUser(await getDb(), { userId: user.id, limit: 12 });
  return <Studio initial={items.map(toGenerationView)} simulated={isSimulated()} />;
}
