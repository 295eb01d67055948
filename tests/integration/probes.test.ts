import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instance, lanternFor } from "../support/lantern-in-process";
import { freePort } from "../support/ports";
import { json, startHttpEndpoint } from "../support/health-endpoint";
import { estateView } from "@/lib/engine/estate-view";
import type { Lantern } from "@/lib/engine/runtime";

// The machine's own services, and ports where nothing listens.
let lantern: Lantern;
let closed: number;
let http: Awaited<ReturnType<typeof startHttpEndpoint>>;

beforeAll(async () => {
  closed = await freePort();
  http = await startHttpEndpoint(json(200, { status: "healthy", checks: { db: { status: "ok" } } }));
  lantern = lanternFor(`
defaults: { interval: 10s, timeout: 2s }
services:
  - id: live
    dependencies:
      - { id: pg, kind: postgres, url: "postgres://postgres@127.0.0.1:5432/postgres" }
      - { id: redis, kind: redis, url: "redis://127.0.0.1:6379/0" }
      - { id: nats, kind: nats, url: "nats://127.0.0.1:4222" }
      - { id: web, kind: http, url: "${http.url}", probes: [{ probe: http.health, path: /health }] }
  - id: closed
    dependencies:
      - { id: pg, kind: postgres, url: "postgres://postgres@127.0.0.1:${closed}/postgres" }
      - { id: redis, kind: redis, url: "redis://127.0.0.1:${closed}/0" }
      - { id: nats, kind: nats, url: "nats://127.0.0.1:${closed}" }
      - { id: web, kind: http, url: "http://127.0.0.1:${closed}" }
`);
});

afterAll(async () => {
  await lantern.stop();
  await http.stop();
});

const run = (key: string) => lantern.runner.run(instance(lantern.estate, key), "manual");

describe("each probe against its real service", () => {
  it("postgres.reachable reads version, role and latency", async () => {
    const result = await run("live.pg/postgres.reachable");
    expect(result.status).toBe("ok");
    expect(result.summary).toMatch(/^PostgreSQL \d+\.\d+.*, primary, SELECT 1 in/);
    expect(result.data).toMatchObject({ inRecovery: false, database: "postgres" });
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it("redis.reachable reads version, uptime and role", async () => {
    const result = await run("live.redis/redis.reachable");
    expect(result.status).toBe("ok");
    expect(result.data).toMatchObject({ role: "master" });
    expect((result.data as { version: string }).version).toMatch(/^\d+\.\d+/);
  });

  it("nats.reachable reads version, RTT and JetStream usage", async () => {
    const result = await run("live.nats/nats.reachable");
    expect(result.status).toBe("ok");
    expect(result.data).toMatchObject({ jetstream: true });
    expect((result.data as { usage: { streams: number } }).usage.streams).toBeGreaterThanOrEqual(0);
  });

  it("http.health reads the status word and its components", async () => {
    const result = await run("live.web/http.health");
    expect(result.status).toBe("ok");
    expect(result.data).toMatchObject({ httpStatus: 200, format: "json-status", bodyStatus: "healthy", components: [{ name: "db", status: "ok" }] });
  });

  it("carries the command to check by hand", () => {
    const commands = estateView(lantern).services[0]!.dependencies.map((d) => d.probes[0]!.cli);
    expect(commands).toEqual([
      "psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -c 'SELECT 1, version(), pg_is_in_recovery();'",
      "redis-cli -h 127.0.0.1 -p 6379 PING",
      "nats --server nats://127.0.0.1:4222 account info",
      `curl -sS -i -m 2 '${http.url}/health'`,
    ]);
  });
});

describe("a closed port", () => {
  for (const kind of ["pg", "redis", "nats", "web"]) {
    it(`${kind}: down with "connection refused", well inside the timeout`, async () => {
      const dependency = lantern.estate.dependencies.get(`closed.${kind}`)!;
      const result = await lantern.runner.run(dependency.probes[0]!, "manual");
      expect(result.status).toBe("down");
      expect(result.summary).toContain("connection refused");
      expect(result.durationMs).toBeLessThan(dependency.timeoutMs);
    });
  }
});
