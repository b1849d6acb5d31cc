import "server-only";
import { after } from "next/server";
import { getDb } from "@/db";
import { listEditsFrom, listSourcesFor } from "@/db/queries/generation-sources";
import {
  getGenerationForUser,
  type HistoryCursor,
  type HistoryFilters,
  listGenerationsByUser,
} from "@/db/queries/generations";
import { AppError } from "@/lib/errors";
import { getMediaStorage } from "@/lib/media";
import { answersWithImages, PROVIDER_PROFILES } from "@/lib/providers/profiles";
import { currentInstanceId } from "@/lib/server/instance";
import { getUpstream } from "@/lib/upstream";
import type { GenerationInput } from "./input";
import { recordGeneration } from "./record";
import type { RefreshDeps } from "./refresh";
import { submitGeneration } from "./submit";
import { toGenerationView } from "./to-view";
import type { GenerationView } from "./view";

export async function loadRefreshDeps(): Promise<RefreshDeps> {
  const [db, upstream] = await Promise.all([getDb(), getUpstream()]);
  return { db, upstream, storage: getMediaStorage(), instanceId: currentInstanceId() };
}

/**
 * Records a click's images (one, or a batch) with their holds and returns at once; the create
 * requests go out after the response, or (on a host that answers only when the images are made)
 * from the background worker, never inside a request. The same idempotency key from the same user
 * always names the same images. Rows are recorded `pending` (see db/schema.ts for each status).
 */
export async function createGeneration(
  userId: string,
  input: GenerationInput,
  { retryOfId }: { retryOfId?: string } = {},
): Promise<GenerationView[]> {
  const db = await getDb();
  const { generations } = await recordGeneration(db, userId, input, { retryOfId });
  // The same key again (a resend after a network error) finds the rows it recorded; if their
  // process died before sending them, nothing was sent and sending now is safe: one claim sends.
  const unsent = generations.filter((g) => !g.leadId && g.status === "pending" && !g.submitStartedAt);
  const inRequest = unsent.filter((g) => !answersWithImages(PROVIDER_PROFILES[g.provider].capabilities));
  if (inRequest.length > 0) {
    after(async () => {
      const deps = await loadRefreshDeps();
      await Promise.all(inRequest.map((g) => submitGeneration(deps, g.id)));
    });
  }
  const sources = await listSourcesFor(db, { userId, generationIds: generations.map((g) => g.id) });
  return generations.map((g) => toGenerationView({ ...g, media: null }, sources.get(g.id) ?? []));
}

/** A page of the user's history, newest first, each with its sources. */
export async function listGenerationViews(
  userId: string,
  { limit, before, filters }: { limit: number; before?: HistoryCursor; filters?: HistoryFilters },
): Promise<{ items: GenerationView[]; hasMore: boolean; last?: HistoryCursor }> {
  const db = await getDb();
  const page = await listGenerationsByUser(db, { userId, limit, before, filters });
  const edits = page.items.filter((g) => g.mode === "edit").map((g) => g.id);
  const sources = await listSourcesFor(db, { userId, generationIds: edits });
  const last = page.items.at(-1);
  return {
    items: page.items.map((g) => toGenerationView(g, sources.get(g.id) ?? [])),
    hasMore: page.hasMore,
    last: last && { createdAt: last.createdAt, id: last.id },
  };
}

/**
 * The owner's view of a generation as stored. Only reads: the worker (lib/generations/worker.ts)
 * moves tasks forward whether or not anyone is watching, and pushes each change to the owner's tabs.
 */
export async function getGenerationStatus(userId: string, id: string): Promise<GenerationView> {
  const stored = await getGenerationForUser(await getDb(), { id, userId });
  if (!stored) throw new AppError("not_found", "No such generation.");
  return toGenerationView(stored);
}

/** Everything the image page shows, or null when the generation is not this user's. */
export async function getGenerationDetail(
  userId: string,
  id: string,
): Promise<{ generation: GenerationView; edits: { id: string; prompt: string; status: string }[] } | null> {
  const db = await getDb();
  const stored = await getGenerationForUser(db, { id, userId });
  if (!stored) return null;
  const [sources, edits] = await Promise.all([
    listSourcesFor(db, { userId, generationIds: [id] }),
    stored.media ? listEditsFrom(db, { userId, mediaId: stored.media.id }) : [],
  ]);
  return { generation: toGenerationView(stored, sources.get(id) ?? []), edits };
}
