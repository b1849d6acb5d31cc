"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import * as z from "zod/mini";
import { applyGenerationViews } from "@/components/gallery/gallery-cache";
import { goToSignIn } from "@/components/session/session-ended";
import { type GenerationView, generationViewSchema } from "@/lib/generations/view";
import { setEventStreamOpen } from "./event-stream-state";
import { isFinal } from "./use-generation";

const messageSchema = z.object({ snapshot: z.boolean(), items: z.array(generationViewSchema) });

// A stream the server refused (a 401, a 5xx) is not retried by the browser: we try again, slower
// each time. Meanwhile the generations poll at their full pace.
const RECONNECT_MIN_MS = 2000;
const RECONNECT_MAX_MS = 60_000;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Shown here as unfinished but not among the server's unfinished: it changed while we were not listening. */
function refetchMissed(client: QueryClient, snapshot: GenerationView[]): void {
  const listed = new Set(snapshot.map((view) => view.id));
  void client.invalidateQueries({
    predicate: (query) => {
      const [kind, id] = query.queryKey;
      const data = query.state.data as GenerationView | undefined;
      return kind === "generation" && typeof id === "string" && !listed.has(id) && !!data && !isFinal(data);
    },
  });
}

/**
 * The tab's one stream of the signed-in user's generation changes (GET /api/events), written into
 * React Query's cache: every card, tile and detail page showing a generation updates from it.
 */
export function GenerationEvents(): null {
  const client = useQueryClient();
  useEffect(() => {
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = RECONNECT_MIN_MS;
    const connect = () => {
      source = new EventSource("/api/events");
      source.addEventListener("generations", (event) => {
        const parsed = messageSchema.safeParse(parseJson((event as MessageEvent<string>).data));
        if (!parsed.success) return;
        applyGenerationViews(client, parsed.data.items);
        if (parsed.data.snapshot) {
          refetchMissed(client, parsed.data.items);
          setEventStreamOpen(true);
          delay = RECONNECT_MIN_MS;
        }
      });
      // The session ended while the stream was open (signed out elsewhere, disabled).
      source.addEventListener("ended", () => {
        source?.close();
        setEventStreamOpen(false);
        goToSignIn();
      });
      source.onerror = () => {
        setEventStreamOpen(false);
        if (source?.readyState !== EventSource.CLOSED) return;
        retry = setTimeout(connect, delay);
        delay = Math.min(delay * 2, RECONNECT_MAX_MS);
      };
    };
    connect();
    return () => {
      clearTimeout(retry);
      source?.close();
      setEventStreamOpen(false);
    };
  }, [client]);
  return null;
}
