import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatPercent } from "@/lib/probe-kit/format";
import { below, ratio } from "@/lib/probe-kit/thresholds";

export const cacheHitRatioLow = defineFinding({
  id: "postgres.cache-hit-ratio-low",
  title: "Database reads miss its cache",
  cause: "More blocks come from disk than usual: the working set no longer fits shared_buffers, a new query scans big tables, or an index is missing.",
  steps: [
    "Find the statements reading the most blocks (pg_stat_statements, shared_blks_read).",
    "Check for sequential scans on big tables (pg_stat_user_tables.seq_scan) and missing indexes.",
    "If the working set simply grew, size shared_buffers and memory for it.",
  ],
  commands: (target) => [
    target.psql("SELECT datname, blks_hit, blks_read, round(blks_hit::numeric / nullif(blks_hit + blks_read, 0), 4) AS ratio FROM pg_stat_database WHERE datname = current_database();"),
    target.psql("SELECT relname, seq_scan, seq_tup_read FROM pg_stat_user_tables ORDER BY seq_tup_read DESC LIMIT 10;"),
  ],
});

export const postgresCacheHitRatio = defineProbe({
  id: "postgres.cache-hit-ratio",
  title: "Buffer cache hit ratio",
  kind: "postgres",
  params: z.strictObject({
    warn: ratio(0.99, "Hit ratio under which to warn"),
    crit: ratio(0.9, "Hit ratio under which it is critical"),
    minBlocks: z.number().int().min(1).default(1000).describe("Block reads between two runs needed to judge at all"),
  }),
  data: z.object({ hits: z.number(), reads: z.number(), ratio: z.number().nullable(), sample: z.number() }),
  findings: [cacheHitRatioLow],
  command: (target) => target.psql("SELECT blks_hit, blks_read FROM pg_stat_database WHERE datname = current_database();"),
  async run(pool, params, _signal, { previous }) {
    const { rows } = await pool.query<{ hits: string; reads: string }>("SELECT blks_hit::text AS hits, blks_read::text AS reads FROM pg_stat_database WHERE datname = current_database()");
    const hits = Number(rows[0]!.hits);
    const reads = Number(rows[0]!.reads);
    if (!previous) return { status: "ok", summary: "first reading; the ratio needs two", data: { hits, reads, ratio: null, sample: 0 } };
    // Counters since the last run: the ratio of now, not of the server's whole life.
    const dHits = hits - previous.data.hits;
    const dReads = reads - previous.data.reads;
    const sample = dHits + dReads;
    if (sample < params.minBlocks || dHits < 0) {
      return { status: "ok", summary: `${sample.toLocaleString("en-US")} block reads since the last run: too few to judge`, data: { hits, reads, ratio: null, sample } };
    }
    const value = dHits / sample;
    const verdict = below(value, params, formatPercent);
    const summary = `${formatPercent(value)} of ${sample.toLocaleString("en-US")} block reads from cache since the last run`;
    const data = { hits, reads, ratio: value, sample };
    if (!verdict.severity) return { status: "ok", summary, data };
    return { status: verdict.severity, summary, data, findings: [raise(cacheHitRatioLow, verdict.severity, summary, { ratio: formatPercent(value), rule: verdict.rule, blocksFromDisk: dReads })] };
  },
});
