import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { GenerationDetail } from "@/components/generations/generation-detail";
import { getDb } from "@/db";
import { getAdjacentGenerationIds, listBatchSiblings } from "@/db/queries/generations";
import { listSharesForUser } from "@/db/queries/shares";
import { requireUser } from "@/lib/auth/current-user";
import { env } from "@/lib/config/env";
import { getGenerationDetail } from "@/lib/generations/service";
import { toGenerationView } from "@/lib/generations/to-view";
import { toShareItem } from "@/lib/shares/to-item";

const paramsSchema = z.object({ id: z.uuid() });

// The title and the page read the same detail: once per request.
const detailFor = cache(async (rawParams: Promise<{ id: string }>) => {
  const user = await requireUser();
  const parsed = paramsSchema.safeParse(await rawParams);
  if (!parsed.success) return null;
  const detail = await getGenerationDetail(user.id, parsed.data.id);
  return detail && { user, id: parsed.data.id, detail };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const found = await detailFor(params);
  const prompt = found?.detail.generation.prompt;
  return { title: prompt ? (prompt.length > 80 ? `${prompt.slice(0, 79)}…` : prompt) : "Image" };
}

const stepClass = "rounded-lg px-3 py-1 text-sm text-violet-700 hover:bg-violet-50";

// Owner only: anyone else gets the same 404 as for an id that never existed.
export default async function GenerationPage({ params }: { params: Promise<{ id: string }> }) {
  const found = await detailFor(params);
  if (!found) notFound();
  const { user, id, detail } = found;
  const db = await getDb();
  const batchId = detail.generation.batch?.id;
  const [shares, adjacent, siblings] = await Promise.all([
    listSharesForUser(db, { userId: user.id, generationId: id }),
    getAdjacentGenerationIds(db, { userId: user.id, id }),
    batchId ? listBatchSiblings(db, { userId: user.id, batchId }) : [],
  ]);
  return (
    <div className="space-y-6">
      <nav aria-label="Images" className="flex items-center gap-2">
        <Link href="/gallery" className="mr-auto text-sm text-violet-700 underline">
          ← Gallery
        </Link>
        {adjacent.newer && (
          <Link href={`/g/${adjacent.newer}`} rel="prev" className={stepClass}>
            ‹ Newer
          </Link>
        )}
        {adjacent.older && (
          <Link href={`/g/${adjacent.older}`} rel="next" className={stepClass}>
            Older ›
          </Link>
        )}
      </nav>
      <GenerationDetail
        key={id}
        initial={detail.generation}
        edits={detail.edits}
        siblings={siblings.map((sibling) => toGenerationView(sibling))}
        shares={shares.map(toShareItem)}
        shareBaseUrl={env().APP_URL}
      />
    </div>
  );
}
