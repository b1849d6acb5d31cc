import { after } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { markSubmitted } from "@/db/queries/generation-lifecycle";
import { getGenerationByCallbackToken } from "@/db/queries/generations";
import { logGenerationEvent } from "@/lib/generations/logger";
import { refreshGeneration } from "@/lib/generations/refresh";
import { loadRefreshDeps } from "@/lib/generations/service";
import { parseTaskResponse } from "@/lib/seedream/responses";

const paramsSchema = z.object({ token: z.string().regex(/^[\w-]{32}$/) });
const MAX_BODY_BYTES = 64 * 1024;

function taskIdFrom(body: string): string | null {
  try {
    return parseTaskResponse(JSON.parse(body)).taskId;
  } catch {
    return null;
  }
}

/**
 * API in One publishes no signature for callbacks, so a callback is only a hint: it names the task
 * through the unguessable token in its URL, and we confirm everything with our own status check.
 */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) return new Response(null, { status: 404 });
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    return new Response(null, { status: 413 });
  }
  const body = await request.text();
  if (body.length > MAX_BODY_BYTES) return new Response(null, { status: 413 });
  const db = await getDb();
  const generation = await getGenerationByCallbackToken(db, parsed.data.token);
  if (!generation) return new Response(null, { status: 404 });

  // A create whose answer we never got can be settled by its callback, which carries the task id.
  const taskId = taskIdFrom(body);
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
}
