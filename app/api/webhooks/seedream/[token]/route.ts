import { after } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { getGenerationByCallbackToken } from "@/db/queries/generations";
import { settleFromCallback } from "@/lib/generations/callback";
import { logGenerationEvent } from "@/lib/generations/logger";
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
 * API in One publishes no signature for callbacks, so a callback is only a hint: it names the
 * generation through the unguessable token in its URL, is answered at once, and changes nothing
 * until our own status check confirms it (lib/generations/callback.ts).
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
    const namedTaskId = taskIdFrom(await body());
    after(async () => {
      await settleFromCallback(await loadRefreshDeps(), generation, namedTaskId).catch((error: unknown) =>
        logGenerationEvent("callback handling failed", { id: generation.id }, error),
      );
    });
    return new Response(null, { status: 204 });
  },
);
