import type { GenerationView } from "@/lib/generations/view";
import type { EventSink, GenerationEventHub } from "./hub";

const encoder = new TextEncoder();

/** Often enough that proxies with a 30–60 s idle timeout keep the stream open. */
export const HEARTBEAT_MS = 15_000;
/** A session ended elsewhere (signed out, disabled) stops its stream within this. */
export const SESSION_CHECK_MS = 5000;
/** How long a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 3000;
/** Messages queued for a client that stopped reading: past this it is dropped, not buffered for ever. */
const MAX_QUEUED = 200;

export interface EventStreamOptions {
  hub: GenerationEventHub;
  userId: string;
  /** The user's unfinished generations: notifications are not replayed, so each (re)connect starts here. */
  loadSnapshot: (userId: string) => Promise<GenerationView[]>;
  /** Whether the session that opened the stream still lives; checked every `SESSION_CHECK_MS`. */
  stillSignedIn: () => Promise<boolean>;
  /** Aborted when the browser goes away. */
  signal: AbortSignal;
  heartbeatMs?: number;
  sessionCheckMs?: number;
}

/**
 * A Server-Sent Events stream of one user's generation views: `event: generations` with
 * `{ snapshot, items }`, a snapshot first and then every change, and a comment as heartbeat.
 * It ends when the browser leaves, the hub closes it (shutdown), or the session ends: then with
 * `event: ended`, so that the tab goes to sign in rather than reconnecting.
 */
export function openEventStream(options: EventStreamOptions): ReadableStream<Uint8Array> {
  let close = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const write = (text: string) => {
        if (closed) return;
        if ((controller.desiredSize ?? 0) < -MAX_QUEUED) {
          close();
          return;
        }
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const sendViews = (snapshot: boolean, items: GenerationView[]) =>
        write(`event: generations\ndata: ${JSON.stringify({ snapshot, items })}\n\n`);
      const snapshot = () =>
        void options.hub.enqueue(options.userId, async () => {
          if (!closed) sendViews(true, await options.loadSnapshot(options.userId));
        });
      const sink: EventSink = {
        send: (views) => sendViews(false, views),
        resync: snapshot,
        close: () => close(),
      };
      const unsubscribe = options.hub.subscribe(options.userId, sink);
      const heartbeat = setInterval(() => write(": heartbeat\n\n"), options.heartbeatMs ?? HEARTBEAT_MS);
      const sessionCheck = setInterval(() => {
        options.stillSignedIn().then(
          (alive) => {
            if (alive) return;
            write("event: ended\ndata: {}\n\n");
            close();
          },
          () => {},
        );
      }, options.sessionCheckMs ?? SESSION_CHECK_MS);
      close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        clearInterval(sessionCheck);
        unsubscribe();
        options.signal.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // already closed by the other side
        }
      };
      options.signal.addEventListener("abort", close);
      write(`retry: ${RETRY_MS}\n\n`);
      snapshot();
    },
    cancel() {
      close();
    },
  });
}
