import { describe, expect, it } from "vitest";
import type { FixDefinition } from "@/lib/probe-kit/define-fix";
import type { ProbeDefinition } from "@/lib/probe-kit/define-probe";
import { judgeReading } from "@/lib/probe-kit/judging-cases";
import { postgresBlockedQueries, terminateLockBlocker } from "./blocked-queries";
import { postgresBreakers, resetBreaker } from "./breakers";
import { postgresIdleInTransaction, terminateIdleInTransaction } from "./idle-in-transaction";
import { cancelQuery, postgresLongRunningQueries } from "./long-running-queries";
import { dropReplicationSlot, postgresReplication } from "./replication";
import { enableTrigger, postgresTriggers } from "./triggers";

/** What a fix offers on the finding its probe raises from this reading, with the instance's parameters as the estate parses them. */
function offered(fix: FixDefinition, probe: ProbeDefinition, data: unknown, estateParams: Record<string, unknown> = {}) {
  const probeParams = probe.params.parse(estateParams) as Record<string, unknown>;
  const [raised] = judgeReading(probe, { what: "", data, params: estateParams }).findings;
  if (!raised) throw new Error(`${probe.id} raised nothing`);
  return fix.paramsFrom({ findingId: raised.definition.id, evidence: raised.evidence, probeParams, actions: [] });
}

// What each finding offers, from what its probe saw and the instance's parameters.
describe("the PostgreSQL fixes a finding offers", () => {
  it("a long query: cancel the queries of the pids the finding saw, running past the instance's warn threshold", () => {
    const query = (pid: number, seconds: number) => ({ pid, user: "birb", application: "report", seconds, query: "SELECT pg_sleep(?)" });
    const data = { count: 2, queries: [query(5120, 400), query(5121, 90)] };
    expect(offered(cancelQuery, postgresLongRunningQueries, data, { warnSeconds: 60 })).toEqual({ runningSeconds: 60, pids: [5120, 5121] });
    expect(cancelQuery.params.parse({ runningSeconds: 60, pids: [5120] }).cancelWaitSeconds).toBe(5);
  });

  it("a session idle in a transaction: those idle past the instance's warn threshold", () => {
    const data = { count: 1, oldestSeconds: 400, oldest: { pid: 4100, application: "agentauri-admin", user: "postgres", lastQuery: "UPDATE triggers SET name = name" } };
    expect(offered(terminateIdleInTransaction, postgresIdleInTransaction, data, { warnSeconds: 30 })).toEqual({ idleSeconds: 30 });
  });

  it("a lock wait: the heads of chains whose waiters waited past the warn threshold; nothing when no head was seen", () => {
    const waiter = { pid: 4200, application: "api", seconds: 90, blockedBy: [4100], query: "UPDATE api_keys SET is_active = true" };
    expect(offered(terminateLockBlocker, postgresBlockedQueries, { waiting: 1, waiters: [waiter], head: { pid: 4100, query: "SELECT 1" } })).toEqual({ waitSeconds: 60 });
    // No head session found (a prepared transaction holds the lock, or the head ended meanwhile): no session to end.
    expect(offered(terminateLockBlocker, postgresBlockedQueries, { waiting: 1, waiters: [waiter] })).toBeUndefined();
  });

  it("a disabled trigger: the triggers the instance watches", () => {
    const triggers = [{ table: "events", name: "notify_new_event_trigger" }];
    expect(offered(enableTrigger, postgresTriggers, { triggers: [{ ...triggers[0], state: "disabled" }] }, { triggers })).toEqual({ triggers });
  });

  it("open breakers: the open ones, in the table and columns the instance reads", () => {
    const breaker = (name: string, state: string) => ({ name, state, failures: 7, since: null, retryInSeconds: null });
    const data = { breakers: [breaker("trg_webhook_payments", "open"), breaker("trg_mcp_sync", "closed")] };
    expect(offered(resetBreaker, postgresBreakers, data, { table: "ops.breakers", stateColumn: "status" })).toEqual({
      table: "ops.breakers",
      nameColumn: "trigger_id",
      stateColumn: "status",
      failuresColumn: "failure_count",
      sinceColumn: "updated_at",
      breakers: ["trg_webhook_payments"],
    });
  });

  it("a breaker reset takes names for the SQL only when they are plain identifiers", () => {
    expect(resetBreaker.params.safeParse({ table: "breakers; DROP TABLE users", breakers: ["a"] }).success).toBe(false);
    expect(resetBreaker.params.safeParse({ stateColumn: 'state" = 1 --', breakers: ["a"] }).success).toBe(false);
  });

  it("an inactive slot: that slot, by name", () => {
    const data = { role: "primary", replicas: [], slots: [{ name: "forgotten_replica", type: "physical", active: false, retainedBytes: 2 ** 30 }] };
    expect(offered(dropReplicationSlot, postgresReplication, data)).toEqual({ slot: "forgotten_replica" });
  });
});
