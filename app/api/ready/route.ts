import { getDb } from "@/db";
import { pingDatabase } from "@/db/queries/health";
import { env } from "@/lib/config/env";
import { isListeningForChanges } from "@/lib/events/process-events";
import { route } from "@/lib/http/route";
import { verifyStorageReachable } from "@/lib/media";
import { checkReadiness } from "@/lib/server/readiness";
import { isShuttingDown } from "@/lib/server/shutdown";

/** Any HTTP answer means the upstream is reachable; the key is not sent, nothing is spent. */
async function pingUpstream(): Promise<void> {
  await fetch(env().SEEDREAM_API_URL, {
    method: "HEAD",
    redirect: "manual",
    signal: AbortSignal.timeout(3000),
  }).then((response) => response.body?.cancel());
}

// Readiness for a load balancer: 200 when this instance can serve (database, media store and, with
// a real key, the upstream answer), else 503 naming the failing parts. /api/health stays the cheap
// liveness probe. A stopping instance is not ready, so traffic drains from it first.
export const GET = route({ name: "ready", auth: "public" }, async () => {
  const readiness = await checkReadiness({
    database: async () => pingDatabase(await getDb()),
    storage: () => verifyStorageReachable(),
    upstream: env().SEEDREAM_API_KEY ? pingUpstream : null,
    // Deaf to the database's notifications, this instance cannot push progress to its tabs.
    events: async () => {
      if (!isListeningForChanges()) throw new Error("not listening");
    },
  });
  const ready = readiness.ready && !isShuttingDown();
  const failing = isShuttingDown() ? [...readiness.failing, "shutting_down"] : readiness.failing;
  return Response.json({ ...readiness, ready, failing }, { status: ready ? 200 : 503 });
});
