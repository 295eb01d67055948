import { describe, expect, it } from "vitest";
import { parseEstate } from "@/lib/config/load-estate";
import { lookupError } from "./lookup-error";

const estate = parseEstate(
  `services:
  - id: s
    dependencies:
      - { id: db, kind: postgres, url: "postgres://u@10.0.0.5:5432/app" }
      - { id: cache, kind: redis, url: "redis://10.0.0.6:6379" }
      - { id: bus, kind: nats, url: "nats://10.0.0.7:4222" }
      - { id: api, kind: http, url: "http://10.0.0.8:3000" }
`,
  "estate.yaml",
  {},
);

// Every error of the seeds' error tables, and the runbook it must lead to first.
const SEEDS: [string, string][] = [
  ["duplicate key value violates unique constraint", "postgres.unique-violation"],
  ["redis: connection pool timeout", "redis.clients-exhausted"],
  ["WRONGTYPE Operation against a key holding the wrong kind of value", "redis.wrong-type"],
  ["pq: remaining connection slots are reserved for non-replication superuser connections", "postgres.pool-exhaustion"],
  ["nats: consumer already exists", "nats.consumer-name-conflict"],
  ["circuit breaker is open", "http.breaker-open"],
  ["NOAUTH Authentication required.", "redis.unreachable"],
  ["nats: no servers available for connection", "nats.unreachable"],
  ['ERROR: column "attempts" does not exist (SQLSTATE 42703)', "postgres.schema-drift"],
  ["stream name ('user.sync') cannot contain '.'", "nats.stream-name-invalid"],
  ["ERROR: connection requires a valid SSL connection", "postgres.tls-refused"],
  ["429 Too Many Requests", "http.rate-limited"],
  ['401 Unauthorized {"error":"Invalid or expired API key"}', "http.api-key-rejected"],
  ["OOM command not allowed when used memory > 'maxmemory'", "redis.memory-pressure"],
  ["MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk", "redis.persistence-failing"],
  ["nats: no responders available for request", "nats.no-responders"],
  ["AUTH_001", "http.auth-001"],
  ["AUTH_002", "http.auth-002"],
  ["AUTH_003", "http.auth-003"],
  ["AUTH_004", "http.auth-004"],
  ['{"error":{"code":"AUTH_005","message":"Circuit Breaker Open"}}', "http.auth-005"],
  ["AUTH_006", "http.auth-006"],
  ["AUTH_007", "http.auth-007"],
  ["AUTH_008", "http.auth-008"],
  ["AUTH_009", "http.auth-009"],
  ["AUTH_010 Token Expired", "http.auth-010"],
  ["AUTH_011", "http.auth-011"],
  ["AUTH_012", "http.auth-012"],
];

describe("lookupError", () => {
  it.each(SEEDS)("%s → %s first", (message, id) => {
    const results = lookupError(message, estate, []);
    expect(results[0]?.id).toBe(id);
  });

  it("“connection refused” leads to the unreachable runbooks, with commands for this estate's dependencies", () => {
    const results = lookupError("dial tcp 10.0.0.6:6379: connect: connection refused", estate, []);
    expect(results.slice(0, 4).map((r) => r.id).sort()).toEqual(["http.unreachable", "nats.unreachable", "postgres.unreachable", "redis.unreachable"]);
    expect(results.find((r) => r.id === "redis.unreachable")?.commands).toEqual({ dependencyId: "s.cache", lines: ["redis-cli -h 10.0.0.6 -p 6379 PING", "redis-cli -h 10.0.0.6 -p 6379 INFO server"] });
  });

  it("says nothing for text that matches nothing", () => {
    expect(lookupError("the coffee machine is out of beans", estate, [])).toEqual([]);
  });
});
