import "server-only";
import { SESSION_IDLE_MS } from "@/lib/access/access";
import { pruneHistory } from "@/lib/store/history";
import { pruneSessions } from "@/lib/store/sessions";
import { pruneTimeline } from "@/lib/store/timeline";
import type { WriteQueue } from "@/lib/store/write-queue";

const PRUNE_EVERY_MS = 3_600_000;

/** Keeps the store to the estate's retention: history and timeline older than it go, and sessions idle past their limit. */
export class Retention {
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly writes: WriteQueue,
    private readonly retentionMs: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.timer = setInterval(() => this.prune(), PRUNE_EVERY_MS);
    this.timer.unref();
    this.prune();
  }

  prune(): void {
    const now = this.clock();
    const before = new Date(now - this.retentionMs);
    this.writes.push("prune", async (db) => {
      await pruneHistory(db, before);
      await pruneTimeline(db, before);
      await pruneSessions(db, new Date(now - SESSION_IDLE_MS));
    });
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
