import type { GenerationView } from "@/lib/generations/view";
import { logEvent } from "@/lib/logging/log";
import type { GenerationChange } from "./generation-change";

/** One open stream of one user (a tab). */
export interface EventSink {
  /** Fresh views of this user's generations, read after the change that announced them. */
  send(views: GenerationView[]): void;
  /** Notifications may have been missed (the listening connection dropped): send a snapshot again. */
  resync(): void;
  close(): void;
}

/** Reads the views of `ids` that belong to `userId`; another user's ids are simply absent. */
export type ViewLoader = (userId: string, ids: string[]) => Promise<GenerationView[]>;

/**
 * Fans the database's change notifications out to the open streams of this process. Only changes
 * of users with a stream here cost anything: their generations are read once per batch, scoped by
 * the owner, however many tabs they have open. Per user, reads and sends run one after another,
 * so a tab never gets an older view after a newer one.
 */
// Every tab holds a connection; browsers allow 6 per host over HTTP/1.1, so a user's 5th tab polls
// instead of taking a 5th, and one process never holds more streams than it can feed.
export const MAX_STREAMS_PER_USER = 4;
export const MAX_STREAMS_PER_PROCESS = 2000;

export class GenerationEventHub {
  private readonly sinks = new Map<string, Set<EventSink>>();
  private readonly pending = new Map<string, Set<string>>();
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly load: ViewLoader) {}

  get streamCount(): number {
    let count = 0;
    for (const set of this.sinks.values()) count += set.size;
    return count;
  }

  /** Whether another stream of this user's may open here: null if so, else which limit it hits. */
  refusal(userId: string): "user_limit" | "process_limit" | null {
    if ((this.sinks.get(userId)?.size ?? 0) >= MAX_STREAMS_PER_USER) return "user_limit";
    if (this.streamCount >= MAX_STREAMS_PER_PROCESS) return "process_limit";
    return null;
  }

  subscribe(userId: string, sink: EventSink): () => void {
    let set = this.sinks.get(userId);
    if (!set) {
      set = new Set();
      this.sinks.set(userId, set);
    }
    set.add(sink);
    return () => {
      set.delete(sink);
      if (set.size === 0 && this.sinks.get(userId) === set) this.sinks.delete(userId);
    };
  }

  publish(change: GenerationChange): void {
    if (!this.sinks.has(change.userId)) return;
    let ids = this.pending.get(change.userId);
    if (!ids) {
      ids = new Set();
      this.pending.set(change.userId, ids);
      void this.enqueue(change.userId, () => this.flush(change.userId));
    }
    ids.add(change.generationId);
  }

  /** Runs `task` after everything sent to this user so far. */
  enqueue(userId: string, task: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(userId) ?? Promise.resolve())
      .then(task)
      .catch((error: unknown) => logEvent("events", "send failed", {}, error));
    this.queues.set(userId, next);
    void next.then(() => {
      if (this.queues.get(userId) === next) this.queues.delete(userId);
    });
    return next;
  }

  resync(): void {
    for (const set of this.sinks.values()) for (const sink of set) sink.resync();
  }

  closeAll(): void {
    for (const set of [...this.sinks.values()]) for (const sink of [...set]) sink.close();
  }

  private async flush(userId: string): Promise<void> {
    const ids = this.pending.get(userId);
    this.pending.delete(userId);
    const set = this.sinks.get(userId);
    if (!ids || !set) return;
    const views = await this.load(userId, [...ids]);
    if (views.length === 0) return;
    for (const sink of set) sink.send(views);
  }
}
