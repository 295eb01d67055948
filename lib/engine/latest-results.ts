import type { SeriesPoint } from "@/lib/probe-kit/define-probe";
import type { ProbeResult } from "./probe-result";

/** Series values kept per probe: the live pages draw them; the store keeps the rest of the history. */
const SERIES_WINDOW = 120;

/**
 * One probe's last series values, oldest overwritten first, in typed arrays:
 * 16 bytes a point, where an object a point costs ~85 and gives the collector
 * hundreds of thousands of them to trace.
 */
class SeriesRing {
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  private next = 0;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  push({ t, value }: SeriesPoint): void {
    this.times[this.next] = t;
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** Oldest first. */
  toArray(): SeriesPoint[] {
    const points: SeriesPoint[] = [];
    for (let i = 0; i < this.size; i += 1) {
      const at = (this.next - this.size + i + this.capacity) % this.capacity;
      points.push({ t: this.times[at]!, value: this.values[at]! });
    }
    return points;
  }
}

/**
 * The latest result of every probe instance in full, and for probes that draw
 * a series (a queue's depth), its last values. The window counts values, not
 * runs: after an outage without readings it reaches back to before it, so a
 * probe reading a trend filters its history by time. The rest of the history
 * is the store's: at 5,000 probes a window of full readings would cost
 * hundreds of MB.
 */
export class LatestResults {
  private readonly latestByKey = new Map<string, ProbeResult>();
  private readonly seriesByKey = new Map<string, SeriesRing>();

  constructor(private readonly seriesWindow = SERIES_WINDOW) {}

  /** `value`: the probe's series number for this reading, when it draws one. */
  record(result: ProbeResult, value: number | undefined): void {
    this.latestByKey.set(result.key, result);
    if (value === undefined) return;
    let ring = this.seriesByKey.get(result.key);
    if (!ring) {
      ring = new SeriesRing(this.seriesWindow);
      this.seriesByKey.set(result.key, ring);
    }
    ring.push({ t: Date.parse(result.checkedAt), value });
  }

  latest(key: string): ProbeResult | undefined {
    return this.latestByKey.get(key);
  }

  /** The probe's series over the window, oldest first, the latest included; empty for a probe that draws none. */
  series(key: string): SeriesPoint[] {
    return this.seriesByKey.get(key)?.toArray() ?? [];
  }
}
