import "server-only";
import type { Estate, ProbeInstance } from "@/lib/config/estate";
import type { ProbeRunner } from "./probe-runner";

/** Spread of each wait around the interval, so probes of many dependencies do not fire in step. */
const JITTER = 0.1;
/** First runs start at most this often: a small estate is all drawn within a second, 5,000 probes spread over 25 s. */
const FIRST_RUN_SPACING_MS = 5;

/**
 * Runs every probe instance at its interval, with jitter. Each instance has one
 * timer at a time; the next wait is counted from the start of the last run.
 */
export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private running = false;

  constructor(
    private readonly estate: Estate,
    private readonly runner: ProbeRunner,
    private readonly random: () => number = Math.random,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    const count = [...this.estate.dependencies.values()].reduce((sum, dependency) => sum + dependency.probes.length, 0);
    // First runs come quickly, so a fresh page is not empty for long, but never all at once: thousands of probes
    // started in one second would share a saturated event loop, and their deadlines would blame the dependencies.
    const spreadMs = Math.max(1000, count * FIRST_RUN_SPACING_MS);
    for (const dependency of this.estate.dependencies.values()) {
      for (const instance of dependency.probes) this.schedule(instance, this.random() * Math.min(spreadMs, instance.intervalMs));
    }
  }

  stop(): void {
    this.running = false;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(instance: ProbeInstance, delayMs: number): void {
    if (!this.running) return;
    const dueAt = Date.now() + delayMs;
    const timer = setTimeout(() => {
      const startedAt = Date.now();
      void this.runner.run(instance, "schedule", dueAt).finally(() => {
        const elapsed = Date.now() - startedAt;
        this.schedule(instance, Math.max(0, this.nextWait(instance.intervalMs) - elapsed));
      });
    }, delayMs);
    // The schedule alone must not keep a process alive that is otherwise done.
    timer.unref();
    // One chain per instance: a run still in flight across a stop and a start reschedules into the same slot.
    clearTimeout(this.timers.get(instance.key));
    this.timers.set(instance.key, timer);
  }

  private nextWait(intervalMs: number): number {
    return intervalMs * (1 - JITTER + 2 * JITTER * this.random());
  }
}
