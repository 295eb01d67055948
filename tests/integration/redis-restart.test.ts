import { afterAll, beforeAll, expect, it } from "vitest";
import { lanternFor } from "../support/lantern-in-process";
import { waitFor } from "../support/ports";
import { startRedisServer } from "../support/redis-server";
import type { Lantern } from "@/lib/engine/runtime";

// A redis-server of this test's own, killed and restarted under a running schedule.
const INTERVAL_MS = 1000;
let redis: Awaited<ReturnType<typeof startRedisServer>>;
let lantern: Lantern;
const KEY = "flappy.cache/redis.reachable";

beforeAll(async () => {
  redis = await startRedisServer();
  lantern = lanternFor(`
defaults: { interval: ${INTERVAL_MS}ms, timeout: 500ms }
services:
  - id: flappy
    dependencies:
      - { id: cache, kind: redis, url: "redis://127.0.0.1:${redis.port}/0" }
`);
  lantern.scheduler.start();
});

afterAll(async () => {
  await lantern.stop();
  await redis.stop();
});

const status = () => lantern.results.latest(KEY)?.status;

it("goes down within two intervals of a kill, back to ok after a restart, without leaking connections", async () => {
  await waitFor(async () => status() === "ok", { what: "first ok" });
  expect(await redis.clientNames()).toEqual(["lantern"]);

  const killedAt = Date.now();
  await redis.stop();
  await waitFor(async () => status() === "down", { timeoutMs: 2 * INTERVAL_MS * 1.1 + 500, what: "down after the kill" });
  expect(Date.now() - killedAt).toBeLessThanOrEqual(2 * INTERVAL_MS * 1.1 + 500);
  expect(lantern.results.latest(KEY)?.summary).toContain("connection refused");

  // Several failed attempts while it is away.
  await new Promise((resolve) => setTimeout(resolve, 3 * INTERVAL_MS));
  await redis.start();
  await waitFor(async () => status() === "ok", { timeoutMs: 2 * INTERVAL_MS * 1.1 + 500, what: "ok after the restart" });
  await new Promise((resolve) => setTimeout(resolve, 2 * INTERVAL_MS));
  expect(await redis.clientNames()).toEqual(["lantern"]);
});
