import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatBytes, formatPercent } from "@/lib/probe-kit/format";
import { above, ratio } from "@/lib/probe-kit/thresholds";
import { parseRedisInfo } from "./info";

export const memoryPressure = defineFinding({
  id: "redis.memory-pressure",
  title: "Redis close to maxmemory",
  cause:
    "Used memory is close to maxmemory. With noeviction, writes soon fail with OOM errors; with an eviction policy, keys start disappearing — cache entries, or worse, queued jobs and sessions.",
  steps: [
    "See what grows: INFO memory, MEMORY DOCTOR, and the biggest keys (redis-cli --bigkeys).",
    "Check TTLs: keys that should expire and do not are the usual leak.",
    "Raise maxmemory if the host has room (CONFIG SET maxmemory), or shorten TTLs, or move data out.",
  ],
  commands: (target) => [target.redisCli("INFO", "memory"), target.redisCli("MEMORY", "DOCTOR"), target.redisCli("--bigkeys")],
  fixes: ["redis.set-maxmemory"],
  explains: ["redis.evictions", "redis.hit-rate-low"],
  matches: ["OOM command not allowed when used memory > 'maxmemory'", "maxmemory"],
});

export const evictingQueue = defineFinding({
  id: "redis.eviction-policy",
  title: "A queue lives in a Redis that may evict",
  cause: "This Redis holds queues or other data that must not vanish, but its maxmemory-policy evicts keys under pressure: at maxmemory, jobs are silently dropped.",
  steps: ["Set maxmemory-policy to noeviction on this instance (writes then fail loudly instead of losing data).", "Keep caches that may be evicted on a separate instance."],
  commands: (target) => [target.redisCli("CONFIG", "GET", "maxmemory-policy")],
  fixes: ["redis.set-eviction-policy"],
});

export const evictions = defineFinding({
  id: "redis.evictions",
  title: "Redis is evicting keys",
  cause: "Redis reached maxmemory and removes keys to make room, following its maxmemory-policy. Caches get colder; anything that was not a cache is lost.",
  steps: ["Check that only cache data lives here.", "Give it more memory or less data (TTLs), or accept a lower hit rate knowingly."],
  commands: (target) => [target.redisCli("INFO", "stats"), target.redisCli("CONFIG", "GET", "maxmemory*")],
});

const EVICTING = /^(allkeys|volatile)-/;

export const redisMemory = defineProbe({
  id: "redis.memory",
  title: "Memory",
  kind: "redis",
  params: z.strictObject({
    warn: ratio(0.8, "Share of maxmemory used that warns"),
    crit: ratio(0.9, "Share of maxmemory used that is critical"),
    holdsQueues: z.boolean().default(false).describe("This Redis holds queues or data that must not be evicted: an evicting policy is critical"),
    fragmentationWarn: z.number().default(1.4).describe("mem_fragmentation_ratio that warns (with over 10 MB of waste)"),
  }),
  data: z.object({
    usedBytes: z.number(),
    maxBytes: z.number(),
    policy: z.string(),
    fragmentation: z.number(),
    evictedKeys: z.number(),
    evictedSinceLastRun: z.number(),
  }),
  findings: [memoryPressure, evictingQueue, evictions],
  series: (data) => data.usedBytes,
  command: (target) => target.redisCli("INFO", "memory"),
  async run(redis, params, _signal, { previous }) {
    const memory = parseRedisInfo(await redis.info("memory"));
    const stats = parseRedisInfo(await redis.info("stats"));
    const usedBytes = Number(memory.used_memory ?? 0);
    const maxBytes = Number(memory.maxmemory ?? 0);
    const policy = memory.maxmemory_policy ?? "noeviction";
    const fragmentation = Number(memory.mem_fragmentation_ratio ?? 1);
    const evictedKeys = Number(stats.evicted_keys ?? 0);
    const evictedSinceLastRun = previous && evictedKeys >= previous.data.evictedKeys ? evictedKeys - previous.data.evictedKeys : 0;
    const data = { usedBytes, maxBytes, policy, fragmentation, evictedKeys, evictedSinceLastRun };

    const findings = [];
    const parts = [`used ${formatBytes(usedBytes)}`];
    if (maxBytes > 0) {
      const verdict = above(usedBytes / maxBytes, params, formatPercent);
      parts[0] = `used ${formatBytes(usedBytes)} of ${formatBytes(maxBytes)} (${formatPercent(usedBytes / maxBytes)})`;
      if (verdict.severity) findings.push(raise(memoryPressure, verdict.severity, `${parts[0]}, policy ${policy}`, { used: formatBytes(usedBytes), max: formatBytes(maxBytes), rule: verdict.rule, policy }));
    } else parts.push("no maxmemory set");
    parts.push(`policy ${policy}`);
    if (params.holdsQueues && EVICTING.test(policy)) {
      findings.push(raise(evictingQueue, "crit", `policy ${policy} may evict the queues this Redis holds`, { policy }));
    }
    if (evictedSinceLastRun > 0) {
      parts.push(`${evictedSinceLastRun.toLocaleString("en-US")} keys evicted since the last run`);
      findings.push(raise(evictions, "warn", `${evictedSinceLastRun.toLocaleString("en-US")} keys evicted since the last run (policy ${policy})`, { evicted: evictedSinceLastRun, policy }));
    }
    const wasted = Number(memory.used_memory_rss ?? 0) - usedBytes;
    if (fragmentation > params.fragmentationWarn && wasted > 10 * 1024 * 1024) parts.push(`fragmentation ${fragmentation.toFixed(2)}`);
    if (fragmentation > 0 && fragmentation < 1 && usedBytes > 100 * 1024 * 1024) parts.push(`fragmentation ${fragmentation.toFixed(2)}: part of the data may be swapped out`);
    const status = findings.some((f) => f.severity === "crit") ? "crit" : findings.length ? "warn" : "ok";
    return { status, summary: parts.join(", "), data, findings };
  },
});
