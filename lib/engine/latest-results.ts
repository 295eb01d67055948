import type { RunStatus } from "@/lib/probe-kit/status";
import type { ProbeResult } from "./probe-result";

export const HISTORY_LENGTH = 120;

/** What the live pages draw of an earlier run: a few numbers, not the reading (the store keeps the rest). */
export interface ResultPoint {
  /** Milliseconds since the epoch. */
  t: number;
  status: RunStatus;
  latencyMs: number;
  /** The probe's series number for this reading (a queue's depth), when it draws one. */
  value?: number;
}

/**
 * The latest result of every probe instance in full, and a bounded window of
 * compact points before it: at 5,000 probes a window of full readings would
 * cost hundreds of MB; points cost a few.
 */
export class LatestResults {
  private readonly latestByKey = new Map<string, ProbeResult>();
  private readonly pointsByKey = new Map<string, ResultPoint[]>();

  constructor(private readonly historyLength = HISTORY_LENGTH) {}

  record(result: ProbeResult, value: number | undefined): void {
    this.latestByKey.set(result.key, result);
    const points = this.pointsByKey.get(result.key) ?? [];
    points.push({ t: Date.parse(result.checkedAt), status: result.status, latencyMs: result.latencyMs, ...(value === undefined ? {} : { value }) });
    if (points.length > this.historyLength) points.splice(0, points.length - this.historyLength);
    this.pointsByKey.set(result.key, points);
  }

  latest(key: string): ProbeResult | undefined {
    return this.latestByKey.get(key);
  }

  /** Oldest first, the latest included. */
  points(key: string): readonly ResultPoint[] {
    return this.pointsByKey.get(key) ?? [];
  }
}
