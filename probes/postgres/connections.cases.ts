import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { postgresConnections } from "./connections";

const app = (application: string, connections: number, idle = 0, idleLong = 0) => ({ application, connections, idle, idleLong });
const reading = (inUse: number, apps = [app("api", inUse)], idleLong = 0) => ({
  inUse,
  usable: 97,
  maxConnections: 100,
  byState: { active: inUse },
  byApplication: apps,
  idleLong,
});

export default judgingCases(postgresConnections, {
  healthy: [
    { what: "20 of 97 in use", data: reading(20) },
    { what: "just under 80 %", data: reading(77) },
    { what: "an application well inside its own pool", data: reading(30, [app("action-worker", 10)]), params: { pools: { "action-worker": 20 } } },
  ],
  raises: [
    { what: "at 80 % of usable connections", finding: "postgres.pool-exhaustion", severity: "warn", data: reading(78) },
    { what: "at 95 % of usable connections, idle sessions parked", finding: "postgres.pool-exhaustion", severity: "crit", data: reading(93, [app("api", 60, 40, 37), app("worker", 33)], 37) },
    {
      what: "one application's own pool full while the server has room",
      finding: "postgres.pool-exhaustion",
      severity: "crit",
      data: reading(25, [app("action-worker", 20, 18, 12), app("api", 5)]),
      params: { pools: { "action-worker": 20 } },
    },
    { what: "thresholds set in the estate", finding: "postgres.pool-exhaustion", severity: "warn", data: reading(50), params: { warn: 0.5, crit: 0.9 } },
  ],
});
