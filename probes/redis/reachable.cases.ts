import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { redisReachable } from "./reachable";

const reading = (role: string) => ({ version: "7.2.4", uptimeSeconds: 1_209_600, role, mode: "standalone", pingMs: 0.4 });

export default judgingCases(redisReachable, {
  healthy: [
    { what: "a master, any role accepted", data: reading("master") },
    { what: "the master it must be", data: reading("master"), params: { role: "master" } },
    { what: "the replica it must be", data: reading("replica"), params: { role: "replica" } },
  ],
  raises: [
    { what: "demoted to a replica by a failover where the master is expected", finding: "redis.role-mismatch", severity: "crit", data: reading("replica"), params: { role: "master" } },
    { what: "a master where a read replica is expected", finding: "redis.role-mismatch", severity: "crit", data: reading("master"), params: { role: "replica" } },
  ],
});
