import "server-only";
import type { HistoryMinute } from "@/lib/api/history-schema";
import type { ProbeInstance } from "@/lib/config/estate";
import { worstStatus, type RunStatus } from "@/lib/probe-kit/status";
import { upsertHistory } from "@/lib/store/history";
import type { WriteQueue } from "@/lib/store/write-queue";
import type { ProbeResult } from "./probe-result";

/** How often the minutes filling up are written: a restart loses at most this much history. */
export const HISTORY_FLUSH_MS = 10_000;

const minuteOf = (iso: string) => new Date(Math.floor(Date.parse(iso) / 60_000) * 60_000).toISOString();

/**
 * Downsamples every result into one row per probe instance per minute. What
 * a minute gained since the last write goes out every few seconds and is
 * merged into the row in the store, so a week of history costs the same
 * whatever the probes' frequency, and a restart in mid-minute adds to the
 * minute instead of replacing it.
 */
export class HistoryRecorder {
  /** Per probe instance, what its current minute gained since the last write. */
  private readonly unwritten = new Map<string, HistoryMinute>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly writes: WriteQueue) {
    this.timer = setInterval(() => this.flush(), HISTORY_FLUSH_MS);
    this.timer.unref();
  }

  record(instance: ProbeInstance, result: ProbeResult): void {
    const minute = minuteOf(result.checkedAt);
    const series = result.data !== undefined ? (instance.probe.series?.(result.data) ?? null) : null;
    const gained = this.unwritten.get(instance.key);
    if (gained && gained.minute === minute) {
      gained.worst = worstStatus([gained.worst, result.status]) as RunStatus;
      gained.summary = result.summary;
      gained.series = series ?? gained.series;
      gained.latencyMin = Math.min(gained.latencyMin, result.latencyMs);
      gained.latencyMax = Math.max(gained.latencyMax, result.latencyMs);
      gained.runs += 1;
      return;
    }
    // A new minute: what the last one gained goes out now.
    if (gained) this.queue([gained]);
    this.unwritten.set(instance.key, { probeKey: instance.key, minute, worst: result.status, summary: result.summary, series, latencyMin: result.latencyMs, latencyMax: result.latencyMs, runs: 1 });
  }

  /** Writes what every minute gained since the last flush. */
  flush(): void {
    const minutes = [...this.unwritten.values()];
    this.unwritten.clear();
    this.queue(minutes);
  }

  stop(): void {
    clearInterval(this.timer);
    this.flush();
  }

  private queue(minutes: HistoryMinute[]): void {
    if (minutes.length > 0) this.writes.push(`history: ${minutes.length} minutes`, (db) => upsertHistory(db, minutes));
  }
}
