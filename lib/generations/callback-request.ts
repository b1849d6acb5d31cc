import "server-only";
import { after } from "next/server";
import { getDb } from "@/db";
import { getGenerationByCallbackToken, listSubmissionFollowers } from "@/db/queries/generations";
import { AppError } from "@/lib/errors";
import type { CallbackHeaders, ProviderId } from "@/lib/providers/types";
import { adapterFor, getUpstream } from "@/lib/upstream";
import { settleFromCallback } from "./callback";
import { logGenerationEvent } from "./logger";
import { loadRefreshDeps } from "./service";

/**
 * A host's callback on a generation's token. Its body only names a task: it is a hint that makes
 * us ask the host (lib/generations/callback.ts). A host that signs its callbacks, with its key
 * set, must sign this one, or it is refused before anything is looked at.
 */
export async function receiveCallback({
  provider,
  token,
  headers,
  body,
}: {
  provider: ProviderId;
  token: string;
  headers: CallbackHeaders;
  body: () => Promise<unknown>;
}): Promise<Response> {
  const db = await getDb();
  const generation = await getGenerationByCallbackToken(db, token);
  // A token is only good on its own host's route: another host cannot speak for it.
  if (!generation || generation.provider !== provider) throw new AppError("not_found", "Not found.");
  const adapter = adapterFor(await getUpstream(), provider);
  if (!adapter) throw new AppError("not_found", "Not found.");
  const namedTaskId = adapter.callbackTaskId(await body());
  if (adapter.verifyCallback && !(namedTaskId && adapter.verifyCallback(namedTaskId, headers))) {
    logGenerationEvent("callback signature rejected", { id: generation.id, provider });
    throw new AppError("unauthorized", "The callback's signature is not valid.");
  }
  after(async () => {
    const deps = await loadRefreshDeps();
    // The rows a batch submission made follow its lead: one callback settles them all.
    const followers = await listSubmissionFollowers(db, generation.id);
    for (const row of [generation, ...followers]) {
      await settleFromCallback(deps, row, namedTaskId).catch((error: unknown) =>
        logGenerationEvent("callback handling failed", { id: row.id }, error),
      );
    }
  });
  return new Response(null, { status: 204 });
}
