import { z } from "zod";
import { Studio } from "@/components/studio/studio";
import { getDb } from "@/db";
import { getMediaForUser } from "@/db/queries/generations";
import { requireUser } from "@/lib/auth/current-user";
import { getAllowance } from "@/lib/billing/budget";
import { env } from "@/lib/config/env";
import { getGenerationDetail, listGenerationViews } from "@/lib/generations/service";
import { toImageView } from "@/lib/generations/to-view";
import { isPublicOrigin, isSimulated } from "@/lib/upstream";

const searchSchema = z.object({
  reference: z.uuid().optional().catch(undefined),
  remix: z.uuid().optional().catch(undefined),
});

/** Null when the upstream can fetch reference images from APP_URL (or the simulator is in use). */
function unreachableWarning(): string | null {
  const { APP_URL } = env();
  if (isSimulated() || isPublicOrigin(APP_URL)) return null;
  return `Seedream cannot fetch these images: APP_URL is ${APP_URL}, which is not reachable from the internet, so the edit will fail. Set APP_URL to this app's public https address (for example behind a reverse proxy or tunnel) and restart.`;
}

export default async function CreatePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const user = await requireUser();
  const { reference, remix } = searchSchema.parse(await searchParams);
  // Running generations come back with the page, so a reload keeps watching them.
  const [{ items }, allowance, referenced, remixed] = await Promise.all([
    listGenerationViews(user.id, { limit: 12, filters: { hideDismissed: true } }),
    getAllowance(await getDb(), user.id),
    reference ? getMediaForUser(await getDb(), { id: reference, userId: user.id }) : undefined,
    remix ? getGenerationDetail(user.id, remix) : null,
  ]);
  const initialReferences = referenced
    ? [{ image: toImageView(referenced), name: "Image from your gallery" }]
    : (remixed?.generation.sources ?? []).flatMap((source, index) =>
        source.image ? [{ image: source.image, name: `Reference ${index + 1} of the remixed edit` }] : [],
      );
  const unavailable = (reference && !referenced) || (remix && !remixed);
  return (
    <Studio
      userId={user.id}
      initial={items}
      allowance={allowance}
      initialReferences={initialReferences}
      remix={
        remixed
          ? {
              prompt: remixed.generation.prompt,
              aspectRatio: remixed.generation.aspectRatio,
              quality: remixed.generation.quality,
            }
          : null
      }
      notice={unavailable ? "That image is not available to edit." : null}
      simulated={isSimulated()}
      unreachableWarning={unreachableWarning()}
    />
  );
}
