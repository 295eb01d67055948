import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { redisReplication } from "./replication";

const replica = (linkStatus: string, lastIoSeconds: number) => ({ role: "replica", replicas: 0, primary: "10.0.0.5:6379", linkStatus, lastIoSeconds });

export default judgingCases(redisReplication, {
  healthy: [
    { what: "a master with one replica", data: { role: "master", replicas: 1 } },
    { what: "a replica in step with its primary", data: replica("up", 1) },
    { what: "a replica silent just under 60 s", data: replica("up", 59) },
  ],
  raises: [
    { what: "the link to the primary is down", finding: "redis.replica-link-down", severity: "crit", data: replica("down", -1) },
    { what: "no I/O from the primary for 60 s", finding: "redis.replica-link-down", severity: "crit", data: replica("up", 60) },
    { what: "silent past the estate's own limit", finding: "redis.replica-link-down", severity: "crit", data: replica("up", 30), params: { critSilentSeconds: 30 } },
  ],
});
