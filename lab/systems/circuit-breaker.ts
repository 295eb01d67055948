export type BreakerState = "closed" | "open" | "half-open";

export interface BreakerOptions {
  windowMs: number;
  failureRatio: number;
  minimumCalls: number;
  openMs: number;
}

export class BreakerOpenError extends Error {
  constructor(readonly breaker: string) {
    super(`circuit breaker is open: ${breaker}`);
  }
}

/**
 * A real breaker: opens when failures reach the ratio over the rolling window
 * (with enough calls to judge), lets one trial through after openMs
 * (half-open), closes on its success and opens again on its failure.
 */
export class CircuitBreaker {
  private outcomes: { at: number; ok: boolean }[] = [];
  private openedAt = 0;
  private trialInFlight = false;
  state: BreakerState = "closed";
  since = Date.now();
  failures = 0;

  constructor(
    readonly breakerName: string,
    private readonly options: BreakerOptions,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Time left before a trial is allowed, when open. */
  get retryInMs(): number | undefined {
    return this.state === "open" ? Math.max(0, this.openedAt + this.options.openMs - this.clock()) : undefined;
  }

  async call<T>(work: () => Promise<T>): Promise<T> {
    this.refresh();
    if (this.state === "open" || (this.state === "half-open" && this.trialInFlight)) throw new BreakerOpenError(this.breakerName);
    const trial = this.state === "half-open";
    if (trial) this.trialInFlight = true;
    try {
      const result = await work();
      this.record(true, trial);
      return result;
    } catch (error) {
      this.record(false, trial);
      throw error;
    } finally {
      if (trial) this.trialInFlight = false;
    }
  }

  /** Moves open → half-open once the wait is over; called on every read. */
  refresh(): BreakerState {
    if (this.state === "open" && this.clock() - this.openedAt >= this.options.openMs) this.move("half-open");
    return this.state;
  }

  reset() {
    this.outcomes = [];
    this.failures = 0;
    this.move("closed");
  }

  private record(ok: boolean, trial: boolean) {
    const now = this.clock();
    if (!ok) this.failures += 1;
    if (trial) {
      if (ok) {
        this.outcomes = [];
        this.failures = 0;
        this.move("closed");
      } else this.open(now);
      return;
    }
    this.outcomes.push({ at: now, ok });
    this.outcomes = this.outcomes.filter((o) => now - o.at <= this.options.windowMs);
    const failed = this.outcomes.filter((o) => !o.ok).length;
    if (this.outcomes.length >= this.options.minimumCalls && failed / this.outcomes.length >= this.options.failureRatio) this.open(now);
  }

  private open(now: number) {
    this.openedAt = now;
    this.move("open");
  }

  private move(state: BreakerState) {
    if (state === this.state) return;
    this.state = state;
    this.since = this.clock();
  }
}
