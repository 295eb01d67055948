import "server-only";
import type { Gauge, Counter } from "prom-client";
import type { Queryable, Store } from "./store";

export interface WriteQueueMetrics {
  buffered: Gauge;
  dropped: Counter;
}

/** Writes waiting while the store is away: enough for hours of status changes, bounded all the same. */
export const MAX_BUFFERED_WRITES = 20_000;
const RETRY_MS = [1_000, 2_000, 5_000, 10_000];

type Write = { what: string; run: (db: Queryable) => Promise<unknown> };

/**
 * Every write to the store goes through here, in order and off the probe
 * path. While the store is unreachable, writes wait in a bounded buffer (the
 * oldest dropped past the bound, counted) and go out once it answers again:
 * probes and pages carry on from memory meanwhile.
 */
export class WriteQueue {
  private readonly pending: Write[] = [];
  private draining: Promise<void> | undefined;
  private failures = 0;
  private reachable = true;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly metrics: WriteQueueMetrics,
    private readonly log: (line: string) => void,
    private readonly maxBuffered = MAX_BUFFERED_WRITES,
  ) {}

  /** False while the last attempt found the store unreachable: the pages say so. */
  get storeReachable(): boolean {
    return this.reachable;
  }

  get size(): number {
    return this.pending.length;
  }

  push(what: string, run: Write["run"]): void {
    if (this.closed) return;
    this.pending.push({ what, run });
    if (this.pending.length > this.maxBuffered) {
      this.pending.shift();
      this.metrics.dropped.inc();
    }
    this.metrics.buffered.set(this.pending.length);
    if (this.reachable) this.drain();
  }

  /** Resolves when everything queued so far is written (or the store is unreachable). */
  async flush(): Promise<void> {
    this.drain();
    await this.draining;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    clearTimeout(this.retry);
  }

  private drain(): void {
    this.draining ??= this.writeAll().finally(() => (this.draining = undefined));
  }

  private async writeAll(): Promise<void> {
    while (this.pending.length > 0) {
      const next = this.pending[0]!;
      try {
        await next.run(this.store);
      } catch (error) {
        if (await this.storeAnswers()) {
          // The store is there and refused this write: a bug to log, not a reason to stop writing.
          this.log(`store: ${next.what} failed and is dropped: ${(error as Error).message}`);
          this.pending.shift();
          this.metrics.dropped.inc();
          continue;
        }
        this.wentAway(error as Error);
        return;
      }
      this.pending.shift();
      this.metrics.buffered.set(this.pending.length);
      if (!this.reachable) {
        this.reachable = true;
        this.log(`store ${this.store.location} answers again: writing ${this.pending.length} buffered writes`);
      }
      this.failures = 0;
    }
  }

  private async storeAnswers(): Promise<boolean> {
    try {
      await this.store.query("SELECT 1");
      return true;
    } catch {
      return false;
    }
  }

  private wentAway(error: Error): void {
    if (this.reachable) this.log(`store ${this.store.location} is unreachable (${error.message}); buffering writes`);
    this.reachable = false;
    if (this.closed) return;
    const wait = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)]!;
    this.failures += 1;
    this.retry = setTimeout(() => this.drain(), wait);
    this.retry.unref();
  }
}
