import "server-only";
import type { Dependency } from "@/lib/config/estate";
import type { ProbeResult } from "./probe-result";
import type { ProbeRunner } from "./probe-runner";

export type ManualRunAnswer =
  | { outcome: "started" | "joined"; results: Promise<ProbeResult[]> }
  | { outcome: "limited"; retryAfterSeconds: number };

export interface ManualRunLimits {
  /** Requests for one dependency within this window share one run. */
  coalesceMs: number;
  /** New runs across the estate per minute; beyond it requests get 429. */
  perMinute: number;
}

export const DEFAULT_MANUAL_RUN_LIMITS: ManualRunLimits = { coalesceMs: 2_000, perMinute: 60 };

/**
 * "Probe now", coalesced: a hundred clicks in a second are one run per probe,
 * and the whole estate gets a bounded number of extra runs per minute, so
 * viewers cannot turn Lantern into load on the dependencies it watches.
 */
export class ManualRuns {
  private readonly recent = new Map<string, { startedAt: number; results: Promise<ProbeResult[]> }>();
  private startedTimes: number[] = [];

  constructor(
    private readonly runner: ProbeRunner,
    private readonly limits: ManualRunLimits = DEFAULT_MANUAL_RUN_LIMITS,
    private readonly clock: () => number = Date.now,
  ) {}

  request(dependency: Dependency): ManualRunAnswer {
    const now = this.clock();
    const last = this.recent.get(dependency.id);
    if (last && now - last.startedAt < this.limits.coalesceMs) return { outcome: "joined", results: last.results };

    this.startedTimes = this.startedTimes.filter((time) => now - time < 60_000);
    if (this.startedTimes.length >= this.limits.perMinute) {
      const retryAfterSeconds = Math.ceil((60_000 - (now - this.startedTimes[0]!)) / 1000);
      return { outcome: "limited", retryAfterSeconds };
    }
    this.startedTimes.push(now);
    const results = Promise.all(dependency.probes.map((instance) => this.runner.run(instance, "manual")));
    this.recent.set(dependency.id, { startedAt: now, results });
    return { outcome: "started", results };
  }
}
