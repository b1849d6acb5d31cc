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
 * Records the generation with its hold and returns at once; the create request goes out after the
 * response. The same idempotency key from the same user always names the same generation.
 * The row is recorded `pending` and not yet sent (see db/schema.ts for what each status promises).
 */
export async function createGeneration(
  userId: string,
  input: GenerationInput,
  { retryOfId }: { retryOfId?: string } = {},
): Promise<GenerationView> {
  const db = await getDb();
  const { generation, created } = await recordGeneration(db, userId, input, { retryOfId });
  // The same key again (a resend after a network error) finds the row it recorded; if that row's
  // process died before sending it, nothing was sent and sending it now is safe: one claim sends.
  if (created || (generation.status === "pending" && !generation.submitStartedAt)) {
    after(async () => submitGeneration(await loadRefreshDeps(), generation.id));
  }
  const sources = await listSourcesFor(db, { userId, generationIds: [generation.id] });
  return toGenerationView({ ...generation, media: null }, sources.get(generation.id) ?? []);
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
