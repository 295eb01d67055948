import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatBytes, formatPercent } from "@/lib/probe-kit/format";
import { above, amount, plain, ratio } from "@/lib/probe-kit/bounds";
import { counterDelta, parseRedisInfo } from "./info";
import { countThreshold } from "./verdicts";

export const memoryPressure = defineFinding({
  id: "redis.memory-pressure",
  title: "Redis close to maxmemory",
  severities: ["warn", "crit"],
  cause:
    "Used memory is close to maxmemory. With noeviction, writes soon fail with OOM errors; with an eviction policy, keys start disappearing — cache entries, or worse, queued jobs and sessions.",
  steps: [
    "See what grows: INFO memory, MEMORY DOCTOR, and the biggest keys (redis-cli --bigkeys).",
    "Check TTLs: keys that should expire and do not are the usual leak.",
    "Raise maxmemory if the host has room (CONFIG SET maxmemory), or shorten TTLs, or move data out.",
  ],
  commands: (target) => [target.redisCli("INFO", "memory"), target.redisCli("MEMORY", "DOCTOR"), target.redisCli("--bigkeys")],
  explains: ["redis.evictions", "redis.hit-rate-low"],
  matches: ["OOM command not allowed when used memory > 'maxmemory'", "maxmemory"],
});

export const evictingQueue = defineFinding({
  id: "redis.eviction-policy",
  title: "A queue lives in a Redis that may evict",
  severities: ["crit"],
  cause: "This Redis holds queues or other data that must not vanish, but its maxmemory-policy evicts keys under pressure: at maxmemory, jobs are silently dropped.",
  steps: ["Set maxmemory-policy to noeviction on this instance (writes then fail loudly instead of losing data).", "Keep caches that may be evicted on a separate instance."],
  commands: (target) => [target.redisCli("CONFIG", "GET", "maxmemory-policy")],
});

export const evictions = defineFinding({
  id: "redis.evictions",
  title: "Redis is evicting keys",
  severities: ["warn"],
  cause: "Redis reached maxmemory and removes keys to make room, following its maxmemory-policy. Caches get colder; anything that was not a cache is lost.",
  steps: ["Check that only cache data lives here.", "Give it more memory or less data (TTLs), or accept a lower hit rate knowingly."],
  commands: (target) => [target.redisCli("INFO", "stats"), target.redisCli("CONFIG", "GET", "maxmemory*")],
});

const EVICTING = /^(allkeys|volatile)-/;

const MiB = 1024 * 1024;

/** True when the value is at or past the threshold: the summary's remarks follow the one boundary rule too. */
const reaches = (value: number, threshold: number) => above(value, { warn: threshold }).severity !== undefined;

export const redisMemory = defineProbe({
  id: "redis.memory",
  title: "Memory",
  reads: "`used_memory` against `maxmemory`, policy, evictions, fragmentation",
  kind: "redis",
  params: z.strictObject({
    warn: ratio(0.8, "Share of maxmemory used that warns"),
    crit: ratio(0.9, "Share of maxmemory used that is critical"),
    holdsQueues: z.boolean().default(false).describe("This Redis holds queues or data that must not be evicted: an evicting policy is critical"),
    evictedWarn: countThreshold(1, "Keys evicted since the last run that warn"),
    fragmentationWarn: z.number().default(1.4).describe("mem_fragmentation_ratio the summary points out (with at least fragmentationWasteMiB of waste)"),
    fragmentationWasteMiB: amount(10, "MiB of RSS above used memory before a high fragmentation ratio is pointed out"),
    swapMinUsedMiB: amount(100, "MiB of used memory from which a fragmentation ratio under 1 is read as swapping; small instances show one by chance"),
  }),
  data: z.object({
    usedBytes: z.number(),
    maxBytes: z.number(),
    rssBytes: z.number(),
    policy: z.string(),
    fragmentation: z.number(),
    evictedKeys: z.number(),
    evictedSinceLastRun: z.number(),
  }),
  findings: [memoryPressure, evictingQueue, evictions],
  series: (data) => data.usedBytes,
  command: (target) => target.redisCli("INFO", "memory"),
  async read(redis, _params, _signal, { previous }) {
    const memory = parseRedisInfo(await redis.info("memory"));
    const stats = parseRedisInfo(await redis.info("stats"));
    const evictedKeys = Number(stats.evicted_keys ?? 0);
    return {
      usedBytes: Number(memory.used_memory ?? 0),
      maxBytes: Number(memory.maxmemory ?? 0),
      rssBytes: Number(memory.used_memory_rss ?? 0),
      policy: memory.maxmemory_policy ?? "noeviction",
      fragmentation: Number(memory.mem_fragmentation_ratio ?? 1),
      evictedKeys,
      evictedSinceLastRun: counterDelta(evictedKeys, previous?.data.evictedKeys),
    };
  },
  judge({ usedBytes, maxBytes, rssBytes, policy, fragmentation, evictedSinceLastRun }, params) {
    const findings = [];
    const parts = [`used ${formatBytes(usedBytes)}`];
    if (maxBytes > 0) {
      const verdict = above(usedBytes / maxBytes, params, formatPercent);
      parts[0] = `used ${formatBytes(usedBytes)} of ${formatBytes(maxBytes)} (${formatPercent(usedBytes / maxBytes)})`;
      if (verdict.severity) findings.push(raise(memoryPressure, verdict.severity, `${parts[0]}, policy ${policy}`, { used: formatBytes(usedBytes), max: formatBytes(maxBytes), rule: verdict.rule, policy }));
    } else parts.push("no maxmemory set");
    parts.push(`policy ${policy}`);
    if (params.holdsQueues && EVICTING.test(policy)) {
      findings.push(raise(evictingQueue, "crit", `policy ${policy} may evict the queues this Redis holds`, { policy, rule: `maxmemory-policy ${policy} evicts, expected noeviction (crit)` }));
    }
    if (evictedSinceLastRun > 0) {
      const evicted = evictedSinceLastRun.toLocaleString("en-US");
      parts.push(`${evicted} keys evicted since the last run`);
      const verdict = above(evictedSinceLastRun, { warn: params.evictedWarn }, plain);
      if (verdict.severity) findings.push(raise(evictions, verdict.severity, `${evicted} keys evicted since the last run (policy ${policy})`, { evicted: evictedSinceLastRun, rule: verdict.rule, policy }));
    }
    if (reaches(fragmentation, params.fragmentationWarn) && reaches((rssBytes - usedBytes) / MiB, params.fragmentationWasteMiB)) parts.push(`fragmentation ${fragmentation.toFixed(2)}`);
    // A ratio under 1 means less resident memory than data, whatever the tuning: the rest sits in swap.
    if (fragmentation > 0 && fragmentation < 1 && reaches(usedBytes / MiB, params.swapMinUsedMiB)) parts.push(`fragmentation ${fragmentation.toFixed(2)}: part of the data may be swapped out`);
    return { summary: parts.join(", "), findings };
  },
});
