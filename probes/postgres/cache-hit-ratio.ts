import { z } from "zod";
import { below, ratio } from "@/lib/probe-kit/bounds";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";

export const cacheHitRatioLow = defineFinding({
  id: "postgres.cache-hit-ratio-low",
  title: "Database reads miss its cache",
  severities: ["warn", "crit"],
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

const count = (n: number) => n.toLocaleString("en-US");
// A tenth of a percent matters near 99 %: "98.9 % ≤ 99 % (warn)", not "99 % ≤ 99 %".
const percent = (r: number) => `${(r * 100).toFixed(1).replace(/\.0$/, "")} %`;

export const postgresCacheHitRatio = defineProbe({
  id: "postgres.cache-hit-ratio",
  title: "Buffer cache hit ratio",
  reads: "buffer hits between two runs",
  kind: "postgres",
  params: z.strictObject({
    warn: ratio(0.99, "Hit ratio at or under which to warn"),
    crit: ratio(0.9, "Hit ratio at or under which it is critical"),
    minBlocks: z.number().int().min(1).default(1000).describe("Block reads between two runs needed to judge at all"),
  }),
  // hits and reads are the server's counters; ratio and sample are those since the previous reading (null and 0 when there is none to compare).
  data: z.object({ hits: z.number(), reads: z.number(), ratio: z.number().nullable(), sample: z.number() }),
  findings: [cacheHitRatioLow],
  command: (target) => target.psql("SELECT blks_hit, blks_read FROM pg_stat_database WHERE datname = current_database();"),
  async read(pool, _params, _signal, { previous }) {
    const { rows } = await pool.query<{ hits: string; reads: string }>("SELECT blks_hit::text AS hits, blks_read::text AS reads FROM pg_stat_database WHERE datname = current_database()");
    const hits = Number(rows[0]!.hits);
    const reads = Number(rows[0]!.reads);
    // Counters since the last run: the ratio of now, not of the server's whole life.
    const dHits = hits - (previous?.data.hits ?? hits);
    const dReads = reads - (previous?.data.reads ?? reads);
    // Counters that went back were reset (pg_stat_reset, a restart): nothing to compare with.
    if (dHits < 0 || dReads < 0) return { hits, reads, ratio: null, sample: 0 };
    const sample = dHits + dReads;
    return { hits, reads, ratio: sample > 0 ? dHits / sample : null, sample };
  },
  judge({ ratio: value, sample }, params, { previous }) {
    if (!previous) return { summary: "first reading; the ratio needs two", findings: [] };
    if (value === null || sample < params.minBlocks) return { summary: `${count(sample)} block reads since the last run: too few to judge`, findings: [] };
    const verdict = below(value, params, percent);
    const summary = `${percent(value)} of ${count(sample)} block reads from cache since the last run`;
    if (!verdict.severity) return { summary, findings: [] };
    return { summary, findings: [raise(cacheHitRatioLow, verdict.severity, summary, { ratio: percent(value), rule: verdict.rule, blocksFromDisk: Math.round(sample * (1 - value)) })] };
  },
});
