import "server-only";
import type { HistoryMinute } from "@/lib/api/history-schema";
import type { RunStatus } from "@/lib/probe-kit/status";
import type { Queryable } from "./store";


// Rows per statement: keeps each statement's parameter list well under PostgreSQL's 65,535.
const BATCH = 500;

// Worst last, as the status words rank: the SQL twin of worstStatus.
const RANK = "ARRAY['ok','unknown','stale','warn','error','crit','down']";

/** Adds what minutes gained to the rows in the store: runs add up, the worst and the latency range widen, the last summary wins. */
export async function upsertHistory(db: Queryable, minutes: readonly HistoryMinute[]): Promise<void> {
  for (let start = 0; start < minutes.length; start += BATCH) {
    const batch = minutes.slice(start, start + BATCH);
    const params: unknown[] = [];
    const values = batch.map((m) => {
      params.push(m.probeKey, m.minute, m.worst, m.summary, m.series, m.latencyMin, m.latencyMax, m.runs);
      const n = params.length;
      return `($${n - 7}, $${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
    });
    await db.query(
      `INSERT INTO history (probe_key, minute, worst, summary, series, latency_min, latency_max, runs) VALUES ${values.join(", ")}
       ON CONFLICT (probe_key, minute) DO UPDATE SET
         worst = CASE WHEN array_position(${RANK}, excluded.worst) > array_position(${RANK}, history.worst) THEN excluded.worst ELSE history.worst END,
         summary = excluded.summary,
         series = coalesce(excluded.series, history.series),
         latency_min = least(history.latency_min, excluded.latency_min),
         latency_max = greatest(history.latency_max, excluded.latency_max),
         runs = history.runs + excluded.runs`,
      params,
    );
  }
}

/** The minutes of some probe instances since a moment, oldest first. */
export async function historyOf(db: Queryable, probeKeys: readonly string[], since: Date): Promise<HistoryMinute[]> {
  if (probeKeys.length === 0) return [];
  const rows = await db.query<{ probe_key: string; minute: Date; worst: RunStatus; summary: string; series: number | null; latency_min: number; latency_max: number; runs: number }>(
    "SELECT * FROM history WHERE probe_key = ANY($1) AND minute >= $2 ORDER BY minute",
    [probeKeys, since],
  );
  return rows.map((row) => ({
    probeKey: row.probe_key,
    minute: row.minute.toISOString(),
    worst: row.worst,
    summary: row.summary,
    series: row.series,
    latencyMin: row.latency_min,
    latencyMax: row.latency_max,
    runs: row.runs,
  }));
}

export async function pruneHistory(db: Queryable, olderThan: Date): Promise<number> {
  return (await db.query<{ n: number }>("WITH gone AS (DELETE FROM history WHERE minute < $1 RETURNING 1) SELECT count(*)::integer AS n FROM gone", [olderThan]))[0]?.n ?? 0;
}
