import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { logEvent } from "@/lib/logging/log";
import { GENERATION_EVENTS_CHANNEL, type GenerationChange, parseGenerationChange } from "./generation-change";
import type { GenerationEventHub } from "./hub";

// A LISTEN can die without a word: a first LISTEN that failed, or a re-LISTEN after a dropped
// connection that postgres.js retries once and then forgets. So this process sends itself a probe
// on the channel every PROBE_MS; one that does not come back in PROBE_TIMEOUT_MS means deaf, and
// the LISTEN is opened again (with back-off) and every stream resynchronised.
const PROBE_MS = 30_000;
const PROBE_TIMEOUT_MS = 10_000;
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30_000;

const probePrefix = `probe:${process.pid}:`;

export class ListenerSupervisor {
  healthy = false;
  private unlisten: (() => Promise<void>) | null = null;
  private retryMs = RETRY_MIN_MS;
  private stopped = false;
  private probeTimer: NodeJS.Timeout | null = null;
  private pendingProbe: { id: string; timer: NodeJS.Timeout } | null = null;
  private everListened = false;
  private readonly firstConnect: Promise<void>;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly hub: GenerationEventHub,
    private readonly onChange: (change: GenerationChange) => void,
    private readonly timing = { probeMs: PROBE_MS, probeTimeoutMs: PROBE_TIMEOUT_MS },
  ) {
    this.firstConnect = this.connect();
    this.probeTimer = setInterval(() => void this.probe(), this.timing.probeMs);
    this.probeTimer.unref();
  }

  /** Settles once the first attempt to listen is over (healthy or not). */
  started(): Promise<void> {
    return this.firstConnect;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.probeTimer) clearInterval(this.probeTimer);
    if (this.pendingProbe) clearTimeout(this.pendingProbe.timer);
    await this.unlisten?.().catch(() => {});
  }

  private handle(payload: string): void {
    if (payload.startsWith("probe:")) {
      if (this.pendingProbe?.id === payload) {
        clearTimeout(this.pendingProbe.timer);
        this.pendingProbe = null;
      }
      return;
    }
    const change = parseGenerationChange(payload);
    if (!change) {
      logEvent("events", "unreadable notification", {});
      return;
    }
    this.hub.publish(change);
    this.onChange(change);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    try {
      this.unlisten = await this.database.listen(
        GENERATION_EVENTS_CHANNEL,
        (payload) => this.handle(payload),
        () => {
          // Notifications sent while nobody listened are gone: every stream starts over.
          if (this.everListened) {
            logEvent("events", "listener reconnected", {});
            this.hub.resync();
          }
          this.everListened = true;
        },
      );
      this.healthy = true;
      this.retryMs = RETRY_MIN_MS;
    } catch (error) {
      this.healthy = false;
      logEvent("events", "listen failed", { retryInMs: this.retryMs }, error);
      const wait = this.retryMs;
      this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
      setTimeout(() => void this.connect(), wait).unref();
    }
  }

  private async probe(): Promise<void> {
    if (this.stopped || !this.healthy || this.pendingProbe) return;
    const id = `${probePrefix}${Date.now()}`;
    const timer = setTimeout(() => void this.deaf(), this.timing.probeTimeoutMs);
    timer.unref();
    this.pendingProbe = { id, timer };
    try {
      await this.database.db.execute(sql`select pg_notify(${GENERATION_EVENTS_CHANNEL}, ${id})`);
    } catch {
      // The database itself is down: /api/ready says so; the probe's timeout decides about LISTEN.
    }
  }

  private async deaf(): Promise<void> {
    this.pendingProbe = null;
    if (this.stopped) return;
    logEvent("events", "listener deaf, listening again", {});
    this.healthy = false;
    const unlisten = this.unlisten;
    this.unlisten = null;
    await unlisten?.().catch(() => {});
    await this.connect();
    if (this.healthy) this.hub.resync();
  }
}
