import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { redisClients } from "./clients";

const reading = (connected: number, rejectedSinceLastRun = 0, max = 10_000) => ({ connected, max, blocked: 2, rejected: 37 + rejectedSinceLastRun, rejectedSinceLastRun });

export default judgingCases(redisClients, {
  healthy: [
    { what: "120 of 10,000 clients", data: reading(120) },
    { what: "just under 80 %", data: reading(7_999) },
    { what: "a few refusals under the count the estate tolerates", data: reading(150, 5), params: { refusedCrit: 10 } },
  ],
  raises: [
    { what: "at 80 % of maxclients", finding: "redis.clients-exhausted", severity: "warn", data: reading(8_000) },
    { what: "at 90 % of maxclients", finding: "redis.clients-exhausted", severity: "crit", data: reading(9_000) },
    { what: "connections refused since the last run, though few are connected", finding: "redis.clients-exhausted", severity: "crit", data: reading(150, 3) },
    { what: "a small maxclients, thresholds set in the estate", finding: "redis.clients-exhausted", severity: "warn", data: reading(64, 0, 128), params: { warn: 0.5, crit: 0.75 } },
  ],
});
