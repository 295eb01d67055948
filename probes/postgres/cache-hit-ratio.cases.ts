import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { postgresCacheHitRatio } from "./cache-hit-ratio";

const BEFORE = { hits: 48_200_000, reads: 310_000, ratio: 0.998, sample: 40_000 };
// The next reading after BEFORE: so many hits and reads since.
const since = (hits: number, reads: number) => ({ hits: BEFORE.hits + hits, reads: BEFORE.reads + reads, ratio: hits / (hits + reads), sample: hits + reads });

export default judgingCases(postgresCacheHitRatio, {
  healthy: [
    { what: "first reading: nothing to compare with", data: { hits: BEFORE.hits, reads: BEFORE.reads, ratio: null, sample: 0 } },
    { what: "almost every block from cache", data: since(39_900, 100), previous: BEFORE },
    { what: "just above 99 %", data: since(99_100, 900), previous: BEFORE },
    { what: "too few block reads to judge", data: since(400, 200), previous: BEFORE },
  ],
  raises: [
    { what: "at 99 %", finding: "postgres.cache-hit-ratio-low", severity: "warn", data: since(99_000, 1_000), previous: BEFORE },
    { what: "at 90 %", finding: "postgres.cache-hit-ratio-low", severity: "crit", data: since(9_000, 1_000), previous: BEFORE },
    { what: "a scan of a big table reads mostly from disk", finding: "postgres.cache-hit-ratio-low", severity: "crit", data: since(12_000, 38_000), previous: BEFORE },
    { what: "thresholds set in the estate", finding: "postgres.cache-hit-ratio-low", severity: "warn", data: since(9_400, 600), previous: BEFORE, params: { warn: 0.95, crit: 0.8 } },
  ],
});
