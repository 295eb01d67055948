import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Lantern } from "@/lib/engine/runtime";
import { lanternFor } from "../support/lantern-in-process";
import { startRedisServer } from "../support/redis-server";

// A spell of evictions on a redis-server of the test's own (maxmemory is server-wide): it stays in view for
// the window after the last eviction, then ends with its finding.
const WINDOW_SECONDS = 2;
let server: Awaited<ReturnType<typeof startRedisServer>>;
let redis: Redis;
let lantern: Lantern;

beforeAll(async () => {
  server = await startRedisServer();
  redis = new Redis({ port: server.port });
  lantern = lanternFor(`
services:
  - id: birb
    dependencies:
      - id: cache
        kind: redis
        url: "redis://127.0.0.1:${server.port}/0"
        probes: [{ probe: redis.memory, evictedWindowSeconds: ${WINDOW_SECONDS} }]
`);
});

afterAll(async () => {
  await lantern.stop();
  redis.disconnect();
  await server.stop();
});

const probe = () => Promise.all(lantern.estate.dependencies.get("birb.cache")!.probes.map((p) => lantern.runner.run(p, "manual")));
const evictions = () => lantern.findings.list().find((f) => f.definition.id === "redis.evictions");

/** Writes past a maxmemory just above what is used: allkeys-lru evicts. */
async function burst(count: number) {
  const used = Number(/used_memory:(\d+)/.exec(await redis.info("memory"))![1]);
  await redis.config("SET", "maxmemory-policy", "allkeys-lru");
  await redis.config("SET", "maxmemory", String(used + 64 * 1024));
  const pipe = redis.pipeline();
  for (let i = 0; i < count; i += 1) pipe.set(`burst-${i}`, "x".repeat(1024));
  await pipe.exec();
}

it("a burst of evictions is a finding until the window after the last one has passed", async () => {
  await probe();
  expect(evictions()).toBeUndefined();

  await burst(400);
  const evicted = Number(/evicted_keys:(\d+)/.exec(await redis.info("stats"))![1]);
  expect(evicted).toBeGreaterThan(0);
  await probe();
  const raised = evictions();
  expect(raised?.severity).toBe("warn");
  expect(raised?.summary).toMatch(new RegExp(`^${evicted} keys evicted at \\d\\d:\\d\\d:\\d\\d UTC \\(policy allkeys-lru\\)$`));

  // No eviction since: the next run still shows the spell, whose count does not grow.
  await probe();
  expect(evictions()?.evidence.evicted).toBe(evicted);

  await new Promise((resolve) => setTimeout(resolve, WINDOW_SECONDS * 1000 + 200));
  await probe();
  expect(evictions()).toBeUndefined();
  expect(lantern.results.latest("birb.cache/redis.memory")?.summary).not.toContain("evicted");
});
