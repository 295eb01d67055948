import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { postgresReachable } from "./reachable";

const server = (inRecovery: boolean) => ({ version: "16.4", inRecovery, database: "birbcache", user: "birb", latencyMs: 0.4 });

export default judgingCases(postgresReachable, {
  healthy: [
    { what: "a primary, any role accepted", data: server(false) },
    { what: "a primary where a primary is expected", data: server(false), params: { role: "primary" } },
    { what: "a replica where a replica is expected", data: server(true), params: { role: "replica" } },
  ],
  raises: [
    { what: "the primary came back as a replica after a failover", finding: "postgres.role-mismatch", severity: "crit", data: server(true), params: { role: "primary" } },
    { what: "a replica was promoted and takes writes", finding: "postgres.role-mismatch", severity: "crit", data: server(false), params: { role: "replica" } },
  ],
});
