import { getRequestUser } from "@/lib/auth/request-user";
import { openEventStream } from "@/lib/events/event-stream";
import { isListeningForChanges, loadSnapshotViews, processEventHub } from "@/lib/events/process-events";
import { route } from "@/lib/http/route";
import { isShuttingDown } from "@/lib/server/shutdown";

/**
 * One stream per tab of the signed-in user's generation changes (Server-Sent Events): a snapshot of
 * their unfinished work, then each change as it commits on any instance. Only the owner's views are
 * ever sent; a session that ends closes the stream at the next heartbeat.
 */
export const GET = route({ name: "generation events", auth: "user" }, async ({ user, request }) => {
  // A stopping server waits for open responses: a stream opened now would hold it up for ever.
  if (isShuttingDown()) return new Response(null, { status: 503, headers: { connection: "close" } });
  // Refused streams are not an error for the tab: it keeps polling at full pace and tries later.
  const hub = processEventHub();
  const refusal = isListeningForChanges() ? hub.refusal(user.id) : "not_listening";
  if (refusal) {
    return new Response(null, {
      status: refusal === "user_limit" ? 429 : 503,
      headers: { connection: "close", "retry-after": "30" },
    });
  }
  const stream = openEventStream({
    hub,
    userId: user.id,
    loadSnapshot: loadSnapshotViews,
    stillSignedIn: async () => (await getRequestUser(request))?.id === user.id,
    signal: request.signal,
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: neither Next's compression nor a proxy may hold events back to compress them.
      "cache-control": "no-cache, no-transform",
      // nginx buffers proxied responses unless told not to.
      "x-accel-buffering": "no",
      // Not kept alive for another request once the stream ends: a stopping server (which closes
      // its streams) must not be handed the browser's reconnect on the same socket.
      connection: "close",
    },
  });
});
