/** How long to wait before the next attempt is allowed. */
export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * At most `limit` attempts per key in any `windowMs`. The table of keys is
 * bounded (least recently seen goes first), so a caller rotating addresses
 * cannot grow Lantern's memory.
 */
export class RateLimit {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  /** Whether one more attempt would be allowed now, without taking it. */
  check(key: string): RateVerdict {
    const now = this.clock();
    const recent = (this.attempts.get(key) ?? []).filter((time) => now - time < this.windowMs);
    if (recent.length < this.limit) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((this.windowMs - (now - recent[0]!)) / 1000)) };
  }

  /** Takes one attempt when allowed. */
  take(key: string): RateVerdict {
    const verdict = this.check(key);
    if (!verdict.allowed) return verdict;
    const now = this.clock();
    const recent = (this.attempts.get(key) ?? []).filter((time) => now - time < this.windowMs);
    recent.push(now);
    // Re-inserting keeps the map in order of last use.
    this.attempts.delete(key);
    this.attempts.set(key, recent);
    if (this.attempts.size > this.maxKeys) this.attempts.delete(this.attempts.keys().next().value!);
    return verdict;
  }

  get size(): number {
    return this.attempts.size;
  }
}
