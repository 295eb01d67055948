import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Lantern } from "@/lib/engine/runtime";
import { json, startHttpEndpoint } from "../support/health-endpoint";
import { lanternFor } from "../support/lantern-in-process";

// One set of breakers, exposed as a JSON document, a Prometheus gauge and a table: Lantern must read the same picture.
const BREAKERS = [
  { name: "kong", state: "open", failures: 7 },
  { name: "payments", state: "half-open", failures: 2 },
  { name: "telegram", state: "closed", failures: 0 },
];
const DB = `lantern_test_breakers_${process.pid}`;
const admin = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" });
let service: Awaited<ReturnType<typeof startHttpEndpoint>>;
let lantern: Lantern;

beforeAll(async () => {
  service = await startHttpEndpoint((request, response) => {
    if (request.url?.startsWith("/metrics?view=operational")) {
      return json(200, {
        circuitBreaker: {
          states: Object.fromEntries(BREAKERS.map((b) => [b.name, b.state])),
          failureCounts: Object.fromEntries(BREAKERS.map((b) => [b.name, b.failures])),
        },
      })(request, response);
    }
    response.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
    response.end(
      BREAKERS.flatMap((b) => ["closed", "open", "half_open"].map((state) => `resilience4j_circuitbreaker_state{name="${b.name}",state="${state}"} ${state === b.state.replace("-", "_") ? 1 : 0}`)).join("\n") + "\n",
    );
  });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DB}`);
  const db = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${DB}` });
  await db.connect();
  await db.query("CREATE TABLE circuit_breaker_state (trigger_id text PRIMARY KEY, state text NOT NULL, failure_count int NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())");
  for (const b of BREAKERS) await db.query("INSERT INTO circuit_breaker_state (trigger_id, state, failure_count) VALUES ($1, $2, $3)", [b.name, b.state.replace("-", "_"), b.failures]);
  // The same breakers in a table of another shape, as a user's README-style estate names it.
  await db.query("CREATE TABLE breaker_states (name text PRIMARY KEY, state text NOT NULL, failures int NOT NULL, changed_at timestamptz NOT NULL DEFAULT now())");
  for (const b of BREAKERS) await db.query("INSERT INTO breaker_states (name, state, failures) VALUES ($1, $2, $3)", [b.name, b.state.toUpperCase(), b.failures]);
  await db.end();
  lantern = lanternFor(`
services:
  - id: s
    dependencies:
      - id: api
        kind: http
        url: ${service.url}
        probes:
          - { probe: http.breakers, name: from-json, path: "/metrics?view=operational", source: { json: { states: circuitBreaker.states, failures: circuitBreaker.failureCounts } } }
          - { probe: http.breakers, name: from-prometheus, path: /metrics, source: { prometheus: { metric: resilience4j_circuitbreaker_state } } }
      - id: db
        kind: postgres
        url: postgres://postgres@127.0.0.1:5432/${DB}
        probes:
          - probe: postgres.breakers
          - probe: postgres.breakers
            name: named-columns
            table: breaker_states
            nameColumn: name
            stateColumn: state
            failuresColumn: failures
            sinceColumn: changed_at
`);
});

afterAll(async () => {
  await lantern.stop();
  await service.stop();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.end();
});

it("reads breaker states identically from JSON, Prometheus and a PostgreSQL table", async () => {
  const read = async (dependency: string, name: string) => {
    const instance = lantern.estate.dependencies.get(dependency)!.probes.find((p) => p.name === name)!;
    const result = await lantern.runner.run(instance, "manual");
    return { result, breakers: (result.data as { breakers: { name: string; state: string; failures: number | null }[] }).breakers };
  };
  const json = await read("s.api", "from-json");
  const prometheus = await read("s.api", "from-prometheus");
  const table = await read("s.db", "postgres.breakers");
  const namedColumns = await read("s.db", "named-columns");

  const states = (b: { name: string; state: string }[]) => b.map(({ name, state }) => ({ name, state })).sort((x, y) => x.name.localeCompare(y.name));
  const expected = BREAKERS.map(({ name, state }) => ({ name, state }));
  expect(states(json.breakers)).toEqual(expected);
  expect(states(prometheus.breakers)).toEqual(expected);
  expect(states(table.breakers)).toEqual(expected);
  expect(states(namedColumns.breakers)).toEqual(expected);
  // A gauge carries no failure count; the document and the table agree on it.
  expect(json.breakers.map((b) => b.failures)).toEqual([7, 2, 0]);
  expect(table.breakers.map((b) => b.failures)).toEqual([7, 2, 0]);

  for (const { result } of [json, prometheus, table]) {
    expect(result.status).toBe("crit");
    expect(result.findings.map((f) => [f.definition.id.split(".")[1], f.severity])).toEqual([
      ["breaker-open", "crit"],
      ["breaker-half-open", "warn"],
    ]);
  }
});
