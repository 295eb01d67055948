import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineFix } from "@/lib/probe-kit/define-fix";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatBytes, formatPercent } from "@/lib/probe-kit/format";
import { above, amount, plain, ratio } from "@/lib/probe-kit/bounds";
import { configGet, counterDelta, parseRedisInfo } from "./info";
import { countThreshold } from "./verdicts";

const POLICIES = ["noeviction", "allkeys-lru", "allkeys-lfu", "allkeys-random", "volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl"] as const;
type Policy = (typeof POLICIES)[number];

const ORDER: Record<string, string> = { lru: "least recently used first", lfu: "least often used first", random: "at random", ttl: "nearest expiry first" };

/** What a policy does when memory reaches maxmemory, for the preview. */
function atMaxmemory(policy: Policy): string {
  if (policy === "noeviction") return "writes fail with OOM errors and no key is evicted";
  const [which, order] = policy.split("-") as [string, string];
  return which === "allkeys" ? `any key may be evicted, ${ORDER[order]}` : `keys with a TTL are evicted, ${ORDER[order]}, and writes fail once none is left`;
}

export const setEvictionPolicy = defineFix({
  id: "redis.set-eviction-policy",
  title: "Set the eviction policy",
  kind: "redis",
  risk: "caution",
  ask: "At maxmemory, noeviction fails writes and every other policy drops keys: is that what the services on this Redis expect?",
  params: z.strictObject({ policy: z.enum(POLICIES).describe("The maxmemory-policy to set") }),
  // A Redis that holds queues must fail loudly rather than drop jobs; a cache may forget its least used keys (Birb Nest's runbook).
  paramsFrom: ({ evidence, probeParams }) => {
    const policy: Policy = probeParams.holdsQueues === true ? "noeviction" : "allkeys-lru";
    return evidence.policy === policy ? undefined : { policy };
  },
  async preview(redis, { policy }) {
    const current = await configGet(redis, "maxmemory-policy");
    if (current === undefined) throw new Error("this Redis refuses CONFIG GET (managed services often do): change maxmemory-policy in the provider's settings");
    // The decision rests on the policy in force; memory use moves every second and changes nothing here.
    const state = { policy: current };
    if (current === policy) return { summary: `maxmemory-policy is already ${policy}: nothing to change`, targets: [], state };
    const memory = parseRedisInfo(await redis.info("memory"));
    const max = Number(memory.maxmemory ?? 0);
    const room = max > 0 ? `now ${formatBytes(Number(memory.used_memory ?? 0))} used of ${formatBytes(max)}` : "maxmemory is not set, so no policy applies until it is";
    return {
      summary: `set maxmemory-policy from ${current} to ${policy}: at maxmemory, ${atMaxmemory(policy)} (${room})`,
      targets: [{ id: "maxmemory-policy", label: `maxmemory-policy ${current} → ${policy}`, details: { setting: "maxmemory-policy", now: current, after: policy } }],
      state,
    };
  },
  async execute(redis, { policy }, targets) {
    const target = targets[0];
    if (!target) return { summary: `maxmemory-policy was already ${policy}: nothing changed`, touched: 0 };
    await redis.config("SET", "maxmemory-policy", policy);
    // CONFIG SET lives in memory only; a restart brings back redis.conf's policy.
    return { summary: `maxmemory-policy is now ${policy} (was ${target.details.now}) until Redis restarts: put it in redis.conf, or run CONFIG REWRITE, to keep it`, touched: 1 };
  },
  verify: ["redis.memory"],
  cooldownMs: 60_000,
  maxTargets: 1,
});

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
  fixes: [setEvictionPolicy],
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
  fixes: [setEvictionPolicy],
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

const clock = (iso: string) => `${iso.slice(11, 19)} UTC`;
/** When a spell of evictions happened, in words: one moment, or from its first to its last. */
const spellTime = ({ from, to }: { from: string; to: string }) => (from === to ? `at ${clock(to)}` : `from ${clock(from)} to ${clock(to)}`);

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
    evictedWarn: countThreshold(1, "Keys evicted in one spell of evictions that warn"),
    evictedWindowSeconds: z.number().min(1).default(300).describe("A spell of evictions ends, and its finding with it, this long after the last eviction"),
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
    /** The current spell of evictions: keys evicted from its first to its last eviction, both ISO times. */
    evictions: z.object({ keys: z.number(), from: z.string(), to: z.string() }).nullable(),
  }),
  findings: [memoryPressure, evictingQueue, evictions],
  series: (data) => data.usedBytes,
  command: (target) => target.redisCli("INFO", "memory"),
  async read(redis, params, _signal, { previous, now }) {
    const memory = parseRedisInfo(await redis.info("memory"));
    const stats = parseRedisInfo(await redis.info("stats"));
    const evictedKeys = Number(stats.evicted_keys ?? 0);
    // Evictions come in bursts between two runs: the spell stays in view for the window after the last one,
    // so the engineer who opens the page a minute later still sees that keys went.
    const delta = counterDelta(evictedKeys, previous?.data.evictedKeys);
    const spell = previous?.data.evictions;
    const ongoing = spell && now - Date.parse(spell.to) < params.evictedWindowSeconds * 1000 ? spell : null;
    const at = new Date(now).toISOString();
    const evictions = delta > 0 ? { keys: (ongoing?.keys ?? 0) + delta, from: ongoing?.from ?? at, to: at } : ongoing;
    return {
      usedBytes: Number(memory.used_memory ?? 0),
      maxBytes: Number(memory.maxmemory ?? 0),
      rssBytes: Number(memory.used_memory_rss ?? 0),
      policy: memory.maxmemory_policy ?? "noeviction",
      fragmentation: Number(memory.mem_fragmentation_ratio ?? 1),
      evictedKeys,
      evictions,
    };
  },
  judge({ usedBytes, maxBytes, rssBytes, policy, fragmentation, evictions: spell }, params) {
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
    if (spell) {
      const words = `${spell.keys.toLocaleString("en-US")} keys evicted ${spellTime(spell)}`;
      parts.push(words);
      const verdict = above(spell.keys, { warn: params.evictedWarn }, plain);
      if (verdict.severity) findings.push(raise(evictions, verdict.severity, `${words} (policy ${policy})`, { evicted: spell.keys, from: spell.from, to: spell.to, rule: verdict.rule, policy }));
    }
    if (reaches(fragmentation, params.fragmentationWarn) && reaches((rssBytes - usedBytes) / MiB, params.fragmentationWasteMiB)) parts.push(`fragmentation ${fragmentation.toFixed(2)}`);
    // A ratio under 1 means less resident memory than data, whatever the tuning: the rest sits in swap.
    if (fragmentation > 0 && fragmentation < 1 && reaches(usedBytes / MiB, params.swapMinUsedMiB)) parts.push(`fragmentation ${fragmentation.toFixed(2)}: part of the data may be swapped out`);
    return { summary: parts.join(", "), findings };
  },
});
