import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lantern } from "@/lib/engine/runtime";
import { lanternFor } from "../support/lantern-in-process";

// A database and a Redis database number of this test's own, removed afterwards.
const DB = `lantern_test_${process.pid}`;
const REDIS_DB = 12;
const admin = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" });
const redis = new Redis(`redis://127.0.0.1:6379/${REDIS_DB}`);
let lantern: Lantern;

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DB}`);
  const db = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${DB}` });
  await db.connect();
  await db.query("CREATE TABLE jobs (id serial PRIMARY KEY, done boolean NOT NULL DEFAULT false); CREATE SEQUENCE tickets;");
  await db.end();
  await redis.flushdb();
  lantern = lanternFor(`
defaults: { interval: 10s, timeout: 2s }
services:
  - id: t
    dependencies:
      - id: db
        kind: postgres
        url: postgres://postgres@127.0.0.1:5432/${DB}
        probes:
          - probe: postgres.slow-statements
          - probe: postgres.query
            title: Tickets issued
            sql: SELECT nextval('tickets')
            critAbove: 100
          - probe: postgres.query
            name: pending-jobs
            title: Jobs pending
            sql: SELECT count(*) FROM jobs WHERE NOT done
            warnAbove: 2
          - probe: postgres.schema
            tables: { jobs: [id, done, attempts] }
      - id: cache
        kind: redis
        url: redis://127.0.0.1:6379/${REDIS_DB}
        probes:
          - probe: redis.queue
            key: work
            warn: 100
            crit: 1000
          - probe: redis.keys
            pattern: "session:*"
            maxTtlSeconds: 300
`);
});

afterAll(async () => {
  await lantern.stop();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.end();
  await redis.flushdb();
  redis.disconnect();
});

const run = (dependency: string, name: string) => lantern.runner.run(lantern.estate.dependencies.get(dependency)!.probes.find((p) => p.name === name)!, "manual");

describe("PostgreSQL", () => {
  it("without pg_stat_statements, slow-statements says so and is not ok", async () => {
    const result = await run("t.db", "postgres.slow-statements");
    expect(result.status).toBe("error");
    expect(result.summary).toContain(`pg_stat_statements is not installed in ${DB}`);
  });

  it("postgres.query runs in a READ ONLY transaction: a function that writes is refused by the server", async () => {
    const result = await run("t.db", "postgres.query");
    expect(result.status).toBe("error");
    expect(result.summary).toMatch(/cannot execute nextval\(\) in a read-only transaction/);
  });

  it("postgres.query judges the number it reads, with the rule beside it", async () => {
    const db = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${DB}` });
    await db.connect();
    await db.query("INSERT INTO jobs (done) VALUES (false), (false), (false)");
    await db.end();
    const result = await run("t.db", "pending-jobs");
    expect(result.status).toBe("warn");
    expect(result.findings.map((f) => [f.definition.id, f.summary])).toEqual([["postgres.query-threshold", "Jobs pending: 3 ≥ 2 (warn)"]]);
  });

  it("postgres.schema names the missing column", async () => {
    const result = await run("t.db", "postgres.schema");
    expect(result.status).toBe("crit");
    expect(result.summary).toBe("missing: column jobs.attempts");
  });
});

describe("Redis", () => {
  it("redis.queue: depth against its marks, the rate from history and the forecast in words", async () => {
    await redis.rpush("work", ...Array.from({ length: 50 }, (_, i) => `job-${i}`));
    const first = await run("t.cache", "redis.queue");
    expect(first.status).toBe("ok");
    expect(first.data).toMatchObject({ depth: 50, type: "list", forecast: "trend not known yet" });
    for (let i = 0; i < 3; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await redis.rpush("work", ...Array.from({ length: 60 }, (_, j) => `more-${i}-${j}`));
      await run("t.cache", "redis.queue");
    }
    const latest = lantern.results.latest("t.cache/redis.queue")!;
    expect(latest.status).toBe("warn");
    expect(latest.data).toMatchObject({ depth: 230 });
    expect((latest.data as { forecast: string }).forecast).toMatch(/^growing \d+\/s, critical in ~\d+ s$/);
    expect(latest.findings[0]!.definition.id).toBe("redis.queue-backlog");
  });

  it("redis.keys counts keys without a TTL with SCAN", async () => {
    await redis.set("session:a", "1", "EX", 60);
    await redis.set("session:b", "1");
    await redis.set("session:c", "1", "EX", 3600);
    const result = await run("t.cache", "redis.keys");
    expect(result.data).toMatchObject({ matched: 3, withoutTtl: 1, ttlTooLong: 1, complete: true });
    expect(result.findings[0]!.summary).toBe("2 of 3 session:* keys do not expire within 5 min (1 never expire)");
  });
});

describe("finding events", () => {
  it("a finding is announced when raised, when its severity changes and when it clears — not on every run", async () => {
    await redis.del("work");
    await run("t.cache", "redis.queue");
    const events: string[] = [];
    const unsubscribe = lantern.bus.subscribe((event) => {
      if (event.type === "finding") events.push(`${event.action} ${event.finding.id} ${event.finding.severity}`);
    });
    await redis.rpush("work", ...Array.from({ length: 150 }, (_, i) => `a${i}`));
    await run("t.cache", "redis.queue");
    await run("t.cache", "redis.queue");
    await redis.rpush("work", ...Array.from({ length: 1000 }, (_, i) => `b${i}`));
    await run("t.cache", "redis.queue");
    await redis.del("work");
    await run("t.cache", "redis.queue");
    unsubscribe();
    expect(events).toEqual(["raised redis.queue-backlog warn", "changed redis.queue-backlog crit", "cleared redis.queue-backlog crit"]);
  });
});
