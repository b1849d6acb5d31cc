import { describe, expect, it } from "vitest";
import { newerView } from "@/components/generations/use-generation";
import type { DatabaseHandle } from "@/db/client";
import { type EventSink, GenerationEventHub, MAX_STREAMS_PER_USER } from "@/lib/events/hub";
import { ListenerSupervisor } from "@/lib/events/listener-supervisor";
import type { GenerationView } from "@/lib/generations/view";

const sink = (): EventSink => ({ send: () => {}, resync: () => {}, close: () => {} });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("event streams", () => {
  it("refuses a user's stream past the per-user limit, and only that user's", () => {
    const hub = new GenerationEventHub(async () => []);
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) hub.subscribe("a", sink());
    expect(hub.refusal("a")).toBe("user_limit");
    expect(hub.refusal("b")).toBeNull();
  });
});

describe("the LISTEN supervisor", () => {
  function fakeDatabase({ failFirst, echo }: { failFirst: number; echo: () => boolean }) {
    let handler: ((payload: string) => void) | null = null;
    const calls = { listen: 0, unlisten: 0 };
    const database = {
      listen: async (_channel: string, onNotify: (payload: string) => void, onListen?: () => void) => {
        calls.listen++;
        if (calls.listen <= failFirst) throw new Error("connection refused");
        handler = onNotify;
        onListen?.();
        return async () => {
          calls.unlisten++;
        };
      },
      db: {
        execute: async (query: { queryChunks?: unknown[] }) => {
          // The probe's payload is the last parameter of `select pg_notify(channel, id)`.
          const params = JSON.stringify(query);
          const id = params.match(/probe:[\d:]+/)?.[0];
          if (id && echo()) setTimeout(() => handler?.(id), 1);
          return [];
        },
      },
    } as unknown as DatabaseHandle;
    return { database, calls };
  }

  it("keeps trying to listen until it can, and is not healthy meanwhile", async () => {
    const { database, calls } = fakeDatabase({ failFirst: 1, echo: () => true });
    const supervisor = new ListenerSupervisor(database, new GenerationEventHub(async () => []), () => {});
    await supervisor.started();
    expect(supervisor.healthy).toBe(false);
    await wait(1200);
    expect(calls.listen).toBe(2);
    expect(supervisor.healthy).toBe(true);
    await supervisor.stop();
  });

  it("notices a LISTEN that went deaf, listens again and resynchronises every stream", async () => {
    let echoing = false;
    const { database, calls } = fakeDatabase({ failFirst: 0, echo: () => echoing });
    let resyncs = 0;
    const hub = new GenerationEventHub(async () => []);
    hub.subscribe("a", { ...sink(), resync: () => resyncs++ });
    const supervisor = new ListenerSupervisor(database, hub, () => {}, { probeMs: 50, probeTimeoutMs: 50 });
    await supervisor.started();
    await wait(200);
    expect(calls.unlisten).toBeGreaterThanOrEqual(1);
    expect(calls.listen).toBeGreaterThanOrEqual(2);
    expect(resyncs).toBeGreaterThanOrEqual(1);
    echoing = true;
    // A probe sent before the echo came back may still time out once.
    await wait(150);
    const listens = calls.listen;
    await wait(300);
    expect(calls.listen).toBe(listens);
    expect(supervisor.healthy).toBe(true);
    await supervisor.stop();
  });
});

describe("which view wins in the browser", () => {
  const view = (status: GenerationView["status"], progress: number | null = null) =>
    ({ id: "g", status, progress }) as GenerationView;

  it("keeps a pushed success over a poll read before it, whatever that poll said", () => {
    expect(newerView(view("succeeded"), view("timed_out")).status).toBe("succeeded");
    expect(newerView(view("succeeded"), view("running", 40)).status).toBe("succeeded");
    expect(newerView(view("failed"), view("unknown")).status).toBe("failed");
  });

  it("lets open outcomes move on, and never takes progress back", () => {
    expect(newerView(view("timed_out"), view("running", 90)).status).toBe("running");
    expect(newerView(view("unknown"), view("succeeded")).status).toBe("succeeded");
    expect(newerView(view("running", 60), view("running", 30)).progress).toBe(60);
    expect(newerView(view("running", 30), view("running", 60)).progress).toBe(60);
  });
});
