import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { GenerationDetail } from "@/components/generations/generation-detail";
import { getDb } from "@/db";
import { listSharesForUser } from "@/db/queries/shares";
import { requireUser } from "@/lib/auth/current-user";
import { env } from "@/lib/config/env";
import { getGenerationDetail } from "@/lib/generations/service";
import { toShareItem } from "@/lib/shares/to-item";

export const metadata: Metadata = { title: "Image" };

const paramsSchema = z.object({ id: z.uuid() });

// Owner only: anyone else gets the same 404 as for an id that never existed.
export default async function GenerationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const [detail, shares] = await Promise.all([
    getGenerationDetail(user.id, parsed.data.id),
    listSharesForUser(await getDb(), { userId: user.id, generationId: parsed.data.id }),
  ]);
  if (!detail) notFound();
  return (
    <div className="space-y-6">
      <Link href="/gallery" className="text-sm text-violet-700 underline">
        ← Gallery
      </Link>
      <GenerationDetail
        initial={detail.generation}
        edits={detail.edits}
        shares={shares.map(toShareItem)}
        shareBaseUrl={env().APP_URL}
      />
    </div>
  );
}
