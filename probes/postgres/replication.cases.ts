import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { postgresReplication } from "./replication";

const GiB = 1024 ** 3;
const replica = (lagSeconds: number) => ({ role: "replica" as const, lagSeconds, replicas: [], slots: [] });
const slot = (name: string, active: boolean, retainedBytes: number) => ({ name, type: "physical", active, retainedBytes });
const primary = (...slots: ReturnType<typeof slot>[]) => ({
  role: "primary" as const,
  replicas: [{ application: "replica-1", state: "streaming", lagSeconds: 0.2 }],
  slots,
});

export default judgingCases(postgresReplication, {
  healthy: [
    { what: "a replica caught up", data: replica(0) },
    { what: "a replica just under 5 s behind", data: replica(4) },
    { what: "a primary whose slots all have a consumer", data: primary(slot("replica_1", true, 16 * 1024 ** 2)) },
    { what: "an inactive slot under a warn mark set in the estate", data: primary(slot("debezium", false, 512 * 1024 ** 2)), params: { warnRetainedBytes: GiB } },
  ],
  raises: [
    { what: "a replica 5 s behind", finding: "postgres.replication-lag", severity: "warn", data: replica(5) },
    { what: "a replica a minute behind", finding: "postgres.replication-lag", severity: "crit", data: replica(60) },
    { what: "a CDC slot left behind, holding 512 MiB", finding: "postgres.inactive-replication-slot", severity: "warn", data: primary(slot("replica_1", true, 0), slot("debezium", false, 512 * 1024 ** 2)) },
    { what: "an inactive slot holding 10 GiB of WAL", finding: "postgres.inactive-replication-slot", severity: "crit", data: primary(slot("old_replica", false, 10 * GiB), slot("debezium", false, GiB)) },
  ],
});
