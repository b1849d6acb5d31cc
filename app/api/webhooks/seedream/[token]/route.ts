import { after } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { markSubmitted } from "@/db/queries/generation-lifecycle";
import { getGenerationByCallbackToken } from "@/db/queries/generations";
import { logGenerationEvent } from "@/lib/generations/logger";
import { refreshGeneration } from "@/lib/generations/refresh";
import { loadRefreshDeps } from "@/lib/generations/service";
import { notFound, route } from "@/lib/http/route";
import { parseTaskResponse } from "@/lib/seedream/responses";

const paramsSchema = z.object({ token: z.string().regex(/^[\w-]{32}$/, "Not a callback token.") });

function taskIdFrom(body: unknown): string | null {
  try {
    return parseTaskResponse(body).taskId;
  } catch {
    return null;
  }
}

/**
 * API in One publishes no signature for callbacks, so a callback is only a hint: it names the task
 * through the unguessable token in its URL, and we confirm everything with our own status check.
 */
export const POST = route(
  {
    name: "seedream callback",
    auth: "public",
    // The upstream's servers send no Origin; the token in the path is the credential.
    allowAnyOrigin: true,
    params: paramsSchema,
    // Deferred: a request for a token we never issued is answered before a byte of it is read.
    body: { kind: "json", schema: z.unknown(), maxBytes: 64 * 1024, deferred: true },
  },
  async ({ params, body }) => {
    const db = await getDb();
    const generation = await getGenerationByCallbackToken(db, params.token);
    if (!generation) throw notFound();

    // A create whose answer we never got can be settled by its callback, which carries the task id.
    const taskId = taskIdFrom(await body());
    let current = generation;
    if (generation.status === "unknown" && !generation.upstreamTaskId && taskId) {
      current = (await markSubmitted(db, { id: generation.id, taskId, upstreamStatus: null })) ?? generation;
      logGenerationEvent("callback settled unknown create", { id: generation.id });
    }
    after(async () => {
      await refreshGeneration(await loadRefreshDeps(), current, { immediate: true }).catch((error: unknown) =>
        logGenerationEvent("callback refresh failed", { id: generation.id }, error),
      );
    });
    return new Response(null, { status: 204 });
  },
);
