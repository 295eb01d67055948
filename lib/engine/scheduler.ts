import "server-only";
import type { Estate, ProbeInstance } from "@/lib/config/estate";
import type { ProbeRunner } from "./probe-runner";

/** Spread of each wait around the interval, so probes of many dependencies do not fire in step. */
const JITTER = 0.1;

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
    for (const dependency of this.estate.dependencies.values()) {
      // The first runs come quickly, spread over a second, so a fresh page is not empty for long.
      for (const instance of dependency.probes) this.schedule(instance, this.random() * Math.min(1000, instance.intervalMs));
    }
  }

  stop(): void {
    this.running = false;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(instance: ProbeInstance, delayMs: number): void {
    if (!this.running) return;
    const timer = setTimeout(() => {
      const startedAt = Date.now();
      void this.runner.run(instance, "schedule").finally(() => {
        const elapsed = Date.now() - startedAt;
        this.schedule(instance, Math.max(0, this.nextWait(instance.intervalMs) - elapsed));
      });
    }, delayMs);
    // The schedule alone must not keep a process alive that is otherwise done.
    timer.unref();
    this.timers.set(instance.key, timer);
  }

  private nextWait(intervalMs: number): number {
    return intervalMs * (1 - JITTER + 2 * JITTER * this.random());
  }
}
