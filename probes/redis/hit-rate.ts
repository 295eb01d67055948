import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatPercent } from "@/lib/probe-kit/format";
import { below, ratio } from "@/lib/probe-kit/bounds";
import { parseRedisInfo } from "./info";

export const hitRateLow = defineFinding({
  id: "redis.hit-rate-low",
  title: "Cache hit rate fell",
  severities: ["warn", "crit"],
  cause: "Most lookups miss: TTLs too short for how often keys are read, the cache was flushed or restarted, keys no longer follow the pattern readers use, or memory pressure evicts them. Every miss goes to the database.",
  steps: [
    "Check whether Redis restarted or was flushed recently (uptime, keyspace size).",
    "Check TTLs of the hot keys against how often they are read.",
    "Look at evictions: a full Redis turns hits into misses.",
    "Watch the database behind it: it now carries the misses.",
  ],
  commands: (target) => [target.redisCli("INFO", "stats"), target.redisCli("INFO", "keyspace")],
});

export const redisHitRate = defineProbe({
  id: "redis.hit-rate",
  title: "Hit rate",
  reads: "keyspace hits between two runs",
  kind: "redis",
  params: z.strictObject({
    warn: ratio(0.8, "Hit rate at or under which to warn"),
    crit: z.number().min(0).max(1).optional().describe("Hit rate at or under which it is critical"),
    minLookups: z.number().int().min(1).default(50).describe("Lookups between two runs needed to judge"),
  }),
  data: z.object({ hits: z.number(), misses: z.number(), rate: z.number().nullable(), lookups: z.number() }),
  findings: [hitRateLow],
  series: (data) => (data.rate === null ? undefined : data.rate),
  command: (target) => target.redisCli("INFO", "stats"),
  async read(redis, params, _signal, { previous }) {
    const stats = parseRedisInfo(await redis.info("stats"));
    const hits = Number(stats.keyspace_hits ?? 0);
    const misses = Number(stats.keyspace_misses ?? 0);
    if (!previous) return { hits, misses, rate: null, lookups: 0 };
    const newHits = hits - previous.data.hits;
    const newMisses = misses - previous.data.misses;
    // Counters reset on restart: a negative delta means start over.
    if (newHits < 0 || newMisses < 0) return { hits, misses, rate: null, lookups: 0 };
    const lookups = newHits + newMisses;
    // A rate over a handful of lookups is noise, not worth drawing.
    return { hits, misses, rate: lookups < params.minLookups ? null : newHits / lookups, lookups };
  },
  judge({ rate, lookups, misses }, params, { previous }) {
    if (rate === null) return { summary: previous ? `${lookups} lookups since the last run: too few to judge` : "first reading; the rate needs two", findings: [] };
    const verdict = below(rate, { warn: params.warn, crit: params.crit }, formatPercent);
    const summary = `${formatPercent(rate)} of ${lookups.toLocaleString("en-US")} lookups hit since the last run`;
    if (!verdict.severity) return { summary, findings: [] };
    const newMisses = previous ? misses - previous.data.misses : undefined;
    return { summary, findings: [raise(hitRateLow, verdict.severity, summary, { rate: formatPercent(rate), rule: verdict.rule, lookups, misses: newMisses })] };
  },
});
