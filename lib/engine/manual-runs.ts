import "server-only";
import { RateLimit } from "@/lib/api/rate-limit";
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
  /** New runs one client may start per minute, so one client cannot spend the estate's budget. */
  perClientPerMinute: number;
}

export const DEFAULT_MANUAL_RUN_LIMITS: ManualRunLimits = { coalesceMs: 2_000, perMinute: 60, perClientPerMinute: 12 };

const ESTATE = "*";

/**
 * "Probe now", coalesced: a hundred clicks in a second are one run per probe,
 * and the estate, and each client, get a bounded number of extra runs per
 * minute, so viewers cannot turn Lantern into load on what it watches.
 */
export class ManualRuns {
  private readonly recent = new Map<string, { startedAt: number; results: Promise<ProbeResult[]> }>();
  private readonly estateLimit: RateLimit;
  private readonly clientLimit: RateLimit;

  constructor(
    private readonly runner: ProbeRunner,
    private readonly limits: ManualRunLimits = DEFAULT_MANUAL_RUN_LIMITS,
    private readonly clock: () => number = Date.now,
  ) {
    this.estateLimit = new RateLimit(limits.perMinute, 60_000, clock);
    this.clientLimit = new RateLimit(limits.perClientPerMinute, 60_000, clock);
  }

  request(dependency: Dependency, client: string): ManualRunAnswer {
    const now = this.clock();
    const last = this.recent.get(dependency.id);
    if (last && now - last.startedAt < this.limits.coalesceMs) return { outcome: "joined", results: last.results };

    for (const [limit, key] of [[this.clientLimit, client], [this.estateLimit, ESTATE]] as const) {
      const verdict = limit.check(key);
      if (!verdict.allowed) return { outcome: "limited", retryAfterSeconds: verdict.retryAfterSeconds };
    }
    this.clientLimit.take(client);
    this.estateLimit.take(ESTATE);
    const results = Promise.all(dependency.probes.map((instance) => this.runner.run(instance, "manual")));
    this.recent.set(dependency.id, { startedAt: now, results });
    return { outcome: "started", results };
  }
}
