import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { postgresWraparound } from "./wraparound";

const ages = (oldest: number) => ({
  databases: [
    { name: "agentauri_backend", age: oldest },
    { name: "template1", age: 1_204_331 },
    { name: "template0", age: 1_204_331 },
  ],
});

export default judgingCases(postgresWraparound, {
  healthy: [
    { what: "vacuum keeps up", data: ages(212_000_000) },
    { what: "just under the warn mark", data: ages(1_299_999_999) },
  ],
  raises: [
    { what: "at 1.3 billion", finding: "postgres.xid-wraparound", severity: "warn", data: ages(1_300_000_000) },
    { what: "at 1.4 billion", finding: "postgres.xid-wraparound", severity: "crit", data: ages(1_400_000_000) },
    { what: "days from the read-only stop", finding: "postgres.xid-wraparound", severity: "crit", data: ages(1_980_000_000) },
    { what: "thresholds set in the estate", finding: "postgres.xid-wraparound", severity: "warn", data: ages(600_000_000), params: { warn: 500_000_000, crit: 1_000_000_000 } },
  ],
});
