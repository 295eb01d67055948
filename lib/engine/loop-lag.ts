import "server-only";

const SAMPLE_EVERY_MS = 50;
const KEEP_MS = 30_000;

/**
 * How late Lantern's own event loop has been: a timer that should fire every
 * 50 ms records how much later it did. A probe whose deadline passed while the
 * loop was stalled cannot tell a slow dependency from a busy Lantern, and asks
 * this before calling the dependency down.
 */
export class LoopLag {
  private readonly samples: { at: number; lagMs: number }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private expected = 0;

  start(): void {
    if (this.timer) return;
    this.expected = performance.now() + SAMPLE_EVERY_MS;
    this.timer = setInterval(() => {
      const now = performance.now();
      this.record(now, Math.max(0, now - this.expected));
      this.expected = now + SAMPLE_EVERY_MS;
    }, SAMPLE_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One observation of lateness, at `at` (performance.now()). */
  record(at: number, lagMs: number): void {
    this.samples.push({ at, lagMs });
    while (this.samples.length > 0 && this.samples[0]!.at < at - KEEP_MS) this.samples.shift();
  }

  /** The worst lateness seen since `since` (performance.now()), in ms. */
  worstSince(since: number): number {
    let worst = 0;
    for (let i = this.samples.length - 1; i >= 0 && this.samples[i]!.at >= since; i -= 1) worst = Math.max(worst, this.samples[i]!.lagMs);
    return worst;
  }
}
