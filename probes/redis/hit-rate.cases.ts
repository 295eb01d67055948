import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { redisHitRate } from "./hit-rate";

const before = { hits: 120_000, misses: 8_000, rate: null, lookups: 0 };
/** A reading `hits` and `misses` after `before`, as read would return it. */
const after = (hits: number, misses: number) => ({ hits: before.hits + hits, misses: before.misses + misses, rate: hits / (hits + misses), lookups: hits + misses });

export default judgingCases(redisHitRate, {
  healthy: [
    { what: "the first reading: a rate needs two", data: before },
    { what: "too few lookups to judge", data: { hits: before.hits + 3, misses: before.misses + 9, rate: null, lookups: 12 }, previous: before },
    { what: "95 % of 2,000 lookups hit", data: after(1_900, 100), previous: before },
    { what: "just over 80 %", data: after(1_620, 380), previous: before },
  ],
  raises: [
    { what: "at 80 %", finding: "redis.hit-rate-low", severity: "warn", data: after(1_600, 400), previous: before },
    { what: "a cold cache after a flush", finding: "redis.hit-rate-low", severity: "warn", data: after(82, 118), previous: before },
    { what: "41 % under the estate's critical 50 %", finding: "redis.hit-rate-low", severity: "crit", data: after(82, 118), previous: before, params: { crit: 0.5 } },
    { what: "at the estate's critical 50 %", finding: "redis.hit-rate-low", severity: "crit", data: after(500, 500), previous: before, params: { crit: 0.5 } },
  ],
});
