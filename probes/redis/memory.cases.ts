import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { redisMemory } from "./memory";

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

const reading = (usedBytes: number, maxBytes: number, more: { policy?: string; fragmentation?: number; rssBytes?: number; evicted?: number } = {}) => ({
  usedBytes,
  maxBytes,
  rssBytes: more.rssBytes ?? Math.round(usedBytes * 1.05),
  policy: more.policy ?? "noeviction",
  fragmentation: more.fragmentation ?? 1.05,
  evictedKeys: 18_400 + (more.evicted ?? 0),
  evictions: more.evicted ? { keys: more.evicted, from: "2026-11-30T14:02:10.000Z", to: "2026-11-30T14:03:40.000Z" } : null,
});

export default judgingCases(redisMemory, {
  healthy: [
    { what: "1.2 GiB of 4 GiB", data: reading(1.2 * GiB, 4 * GiB) },
    { what: "just under 80 % of maxmemory", data: reading(3_199_999_999, 4_000_000_000) },
    { what: "no maxmemory set", data: reading(600 * MiB, 0) },
    { what: "a queue Redis that refuses writes rather than evicting", data: reading(900 * MiB, 4 * GiB), params: { holdsQueues: true } },
    { what: "a cache that may evict, holding no queue", data: reading(2 * GiB, 4 * GiB, { policy: "allkeys-lru" }) },
    { what: "evictions under the count the estate tolerates", data: reading(3 * GiB, 4 * GiB, { policy: "allkeys-lru", evicted: 40 }), params: { evictedWarn: 100 } },
    { what: "fragmented, which the summary mentions without a finding", data: reading(400 * MiB, 4 * GiB, { fragmentation: 1.62, rssBytes: 648 * MiB }) },
    { what: "a ratio under 1 on a large instance: part of it swapped, in words only", data: reading(1.5 * GiB, 4 * GiB, { fragmentation: 0.82, rssBytes: 1.23 * GiB }) },
  ],
  raises: [
    { what: "at 80 % of maxmemory", finding: "redis.memory-pressure", severity: "warn", data: reading(3_200_000_000, 4_000_000_000) },
    { what: "3.7 GiB of 4 GiB (92 %)", finding: "redis.memory-pressure", severity: "crit", data: reading(3.68 * GiB, 4 * GiB) },
    {
      what: "the auth service's 256 MB Redis at its own 80 % critical mark",
      finding: "redis.memory-pressure",
      severity: "crit",
      data: reading(204_800_000, 256_000_000),
      params: { warn: 0.7, crit: 0.8 },
    },
    { what: "a queue Redis whose policy evicts", finding: "redis.eviction-policy", severity: "crit", data: reading(1 * GiB, 4 * GiB, { policy: "allkeys-lru" }), params: { holdsQueues: true } },
    { what: "a queue Redis that evicts keys with a TTL", finding: "redis.eviction-policy", severity: "crit", data: reading(1 * GiB, 4 * GiB, { policy: "volatile-ttl" }), params: { holdsQueues: true } },
    { what: "one key evicted in the last spell", finding: "redis.evictions", severity: "warn", data: reading(3 * GiB, 4 * GiB, { policy: "allkeys-lru", evicted: 1 }) },
    {
      what: "evictions at the count the estate tolerates",
      finding: "redis.evictions",
      severity: "warn",
      data: reading(3 * GiB, 4 * GiB, { policy: "allkeys-lru", evicted: 100 }),
      params: { evictedWarn: 100 },
    },
  ],
});
