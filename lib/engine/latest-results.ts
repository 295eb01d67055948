import { PROBE_STATUSES, type RunStatus } from "@/lib/probe-kit/status";
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
 * One probe's last points, oldest overwritten first, in typed arrays: about
 * 13 bytes a point (21 with a series), where an object a point costs ~85 and
 * gives the collector 600,000 of them to trace at 5,000 probes.
 */
class PointRing {
  private readonly times: Float64Array;
  private readonly latencies: Float32Array;
  private readonly statuses: Uint8Array;
  /** Made at the first series value; NaN where a run had none. */
  private values: Float64Array | undefined;
  private next = 0;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.times = new Float64Array(capacity);
    this.latencies = new Float32Array(capacity);
    this.statuses = new Uint8Array(capacity);
  }

  push({ t, status, latencyMs, value }: ResultPoint): void {
    this.times[this.next] = t;
    this.latencies[this.next] = latencyMs;
    this.statuses[this.next] = PROBE_STATUSES.indexOf(status);
    if (value !== undefined) this.values ??= new Float64Array(this.capacity).fill(NaN);
    if (this.values) this.values[this.next] = value ?? NaN;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** Oldest first. */
  toArray(): ResultPoint[] {
    const points: ResultPoint[] = [];
    for (let i = 0; i < this.size; i += 1) {
      const at = (this.next - this.size + i + this.capacity) % this.capacity;
      const value = this.values?.[at];
      points.push({
        t: this.times[at]!,
        status: PROBE_STATUSES[this.statuses[at]!] as RunStatus,
        latencyMs: this.latencies[at]!,
        ...(value === undefined || Number.isNaN(value) ? {} : { value }),
      });
    }
    return points;
  }
}

/**
 * The latest result of every probe instance in full, and a bounded window of
 * compact points before it: at 5,000 probes a window of full readings would
 * cost hundreds of MB; points in typed arrays cost about 10.
 */
export class LatestResults {
  private readonly latestByKey = new Map<string, ProbeResult>();
  private readonly pointsByKey = new Map<string, PointRing>();

  constructor(private readonly historyLength = HISTORY_LENGTH) {}

  record(result: ProbeResult, value: number | undefined): void {
    this.latestByKey.set(result.key, result);
    let ring = this.pointsByKey.get(result.key);
    if (!ring) {
      ring = new PointRing(this.historyLength);
      this.pointsByKey.set(result.key, ring);
    }
    ring.push({ t: Date.parse(result.checkedAt), status: result.status, latencyMs: result.latencyMs, value });
  }

  latest(key: string): ProbeResult | undefined {
    return this.latestByKey.get(key);
  }

  /** Oldest first, the latest included. */
  points(key: string): readonly ResultPoint[] {
    return this.pointsByKey.get(key)?.toArray() ?? [];
  }
}
