import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Lantern } from "@/lib/engine/runtime";
import { FixRunner } from "@/lib/fixes/fix-runner";
import { listAudit } from "@/lib/store/fix-records";
import { ALICE, lanternOnStore, laterRunner, refusal } from "../support/lantern-in-process";
import { startRedisServer } from "../support/redis-server";
import { type StoreHome } from "../support/store-backends";

// The Redis fixes end to end. Keys live in database 11 of the machine's Redis (this test's own);
// eviction policies are changed on a redis-server of the test's own, since CONFIG SET is server-wide.
const KEYS_DB = 11;
const keys = new Redis(`redis://127.0.0.1:6379/${KEYS_DB}`);
let server: Awaited<ReturnType<typeof startRedisServer>>;
let own: Redis;
let home: StoreHome;
let lantern: Lantern;

beforeAll(async () => {
  server = await startRedisServer();
  own = new Redis({ port: server.port, db: 1 });
  ({ lantern, home } = await lanternOnStore("postgres", "fixes_redis", `services:
  - id: user-sync
    dependencies:
      - id: cache
        kind: redis
        url: "redis://127.0.0.1:6379/${KEYS_DB}"
        probes: [{ probe: redis.keys, pattern: "user_status:*", maxTtlSeconds: 300 }]
  - id: agentauri
    dependencies:
      - id: jobs
        kind: redis
        url: "redis://127.0.0.1:${server.port}/0"
        probes: [{ probe: redis.memory, holdsQueues: true }]
  - id: birb-nest
    dependencies:
      - id: cache
        kind: redis
        url: "redis://127.0.0.1:${server.port}/1"
        probes: [{ probe: redis.memory }]
`));
}, 60_000);

/** Removes this test's keys from database 11, by SCAN like the fixes themselves. */
async function removeKeys(): Promise<void> {
  let cursor = "0";
  do {
    const [next, batch] = await keys.scan(cursor, "MATCH", "*", "COUNT", 1000);
    cursor = next;
    if (batch.length) await keys.unlink(...batch);
  } while (cursor !== "0");
}

afterEach(removeKeys);

afterAll(async () => {
  await lantern.stop();
  await home.remove();
  keys.disconnect();
  own.disconnect();
  await server.stop();
});

let runner: FixRunner;
beforeEach(() => {
  ({ runner } = laterRunner(lantern));
});

const finding = (dependencyId: string, id: string) => lantern.findings.list().find((f) => f.dependencyId === dependencyId && f.definition.id === id);
const probe = (dependencyId: string) => Promise.all(lantern.estate.dependencies.get(dependencyId)!.probes.map((p) => lantern.runner.run(p, "manual")));

/** The fix as the finding offers it, with the engineer's own parameters over the finding's. */
async function previewOf(dependencyId: string, findingId: string, fixId: string, params?: Record<string, unknown>) {
  const raised = finding(dependencyId, findingId);
  expect(raised, `${findingId} on ${dependencyId}`).toBeDefined();
  return runner.preview({ dependencyId, fixId, findingKey: raised!.key, ...(params ? { params } : {}) }, ALICE);
}


/** user_status keys as the broken cache path writes them (no EX) and as the healthy one does (EX 300). */
async function userStatus(neverExpiring: string[], expiring: string[] = []): Promise<void> {
  const pipe = keys.pipeline();
  for (const id of neverExpiring) pipe.set(`user_status:${id}`, JSON.stringify({ role: "member", active: true }));
  for (const id of expiring) pipe.set(`user_status:${id}`, JSON.stringify({ role: "member", active: true }), "EX", 300);
  await pipe.exec();
}

const ttls = async (...names: string[]) => Promise.all(names.map((name) => keys.ttl(name)));

async function lastAudit(count: number) {
  return (await listAudit(lantern.records!.store, { limit: count })).entries.map((e) => [e.action, e.fixId, e.outcome, e.actor]);
}

describe("redis.expire-keys", () => {
  it("gives exactly the pattern's never-expiring keys a TTL, and the finding clears", async () => {
    await userStatus(["auth_001", "auth_002", "auth_003"], ["auth_101", "auth_102"]);
    await keys.set("session:auth_001", "outside the pattern");
    await probe("user-sync.cache");
    expect(finding("user-sync.cache", "redis.keys-without-ttl")?.summary).toBe("3 of 5 user_status:* keys do not expire within 5 min (3 never expire)");

    const preview = await previewOf("user-sync.cache", "redis.keys-without-ttl", "redis.expire-keys");
    expect(preview).toMatchObject({ risk: "caution", confirm: null, summary: "give 3 keys of user_status:* that never expire a TTL of 5 min" });
    expect(preview.ask).toMatch(/rebuild/);
    expect(preview.targets.map((t) => t.label)).toEqual(["user_status:auth_001 · string · never expires", "user_status:auth_002 · string · never expires", "user_status:auth_003 · string · never expires"]);

    const run = await runner.execute({ previewId: preview.previewId, idempotencyKey: "expire-verified" }, ALICE);
    expect(run).toMatchObject({ outcome: "verified", summary: "gave 3 of 3 keys of user_status:* a TTL of 5 min", verification: { findingCleared: true } });
    for (const ttl of await ttls("user_status:auth_001", "user_status:auth_002", "user_status:auth_003")) expect(ttl).toBeGreaterThan(290);
    expect(await ttls("session:auth_001")).toEqual([-1]);
    expect(finding("user-sync.cache", "redis.keys-without-ttl")).toBeUndefined();
    expect(await lastAudit(2)).toEqual([
      ["execute", "redis.expire-keys", "verified", "alice"],
      ["preview", "redis.expire-keys", "previewed", "alice"],
    ]);
  });

  it("works through thousands of keys in batches, saying how far it got", async () => {
    await userStatus(Array.from({ length: 1_200 }, (_, i) => `bulk_${String(i).padStart(4, "0")}`));
    await probe("user-sync.cache");
    const preview = await previewOf("user-sync.cache", "redis.keys-without-ttl", "redis.expire-keys");
    expect(preview.summary).toBe("give 1,200 keys of user_status:* that never expire a TTL of 5 min");
    expect(preview.targets).toHaveLength(1_200);
    const progress: string[] = [];
    const unsubscribe = lantern.bus.subscribe((event) => {
      if (event.type === "fix" && event.stage === "executing") progress.push(event.message);
    });
    try {
      const run = await runner.execute({ previewId: preview.previewId, idempotencyKey: "expire-bulk" }, ALICE);
      expect(run).toMatchObject({ outcome: "verified", summary: "gave 1,200 of 1,200 keys of user_status:* a TTL of 5 min" });
    } finally {
      unsubscribe();
    }
    expect(progress.slice(1)).toEqual(["gave a TTL to 500 of 1,200 keys", "gave a TTL to 1,000 of 1,200 keys"]);
  });

  it("refuses, touching nothing, when another never-expiring key appears after the preview", async () => {
    await userStatus(["auth_001", "auth_002"]);
    await probe("user-sync.cache");
    const preview = await previewOf("user-sync.cache", "redis.keys-without-ttl", "redis.expire-keys");
    // The broken code path is still writing: the engineer did not see this key.
    await userStatus(["auth_003"]);
    expect(await refusal(runner.execute({ previewId: preview.previewId, idempotencyKey: "expire-changed" }, ALICE))).toEqual({ status: 409, code: "state-changed" });
    expect(await ttls("user_status:auth_001", "user_status:auth_002", "user_status:auth_003")).toEqual([-1, -1, -1]);
  });
});

describe("redis.delete-keys", () => {
  it("deletes the pattern's never-expiring keys once the pattern is typed, and leaves the expiring ones", async () => {
    await userStatus(["auth_001", "auth_002", "auth_003"], ["auth_101", "auth_102"]);
    await probe("user-sync.cache");
    const preview = await previewOf("user-sync.cache", "redis.keys-without-ttl", "redis.delete-keys");
    expect(preview).toMatchObject({ risk: "destructive", confirm: { type: "type-name", expected: "user_status:*" }, summary: "delete 3 keys of user_status:* that never expire" });
    expect(preview.targets.map((t) => t.id)).toEqual(["user_status:auth_001", "user_status:auth_002", "user_status:auth_003"]);

    expect(await refusal(runner.execute({ previewId: preview.previewId, idempotencyKey: "delete-unconfirmed" }, ALICE))).toEqual({ status: 400, code: "confirmation-needed" });
    expect(await keys.exists("user_status:auth_001", "user_status:auth_002", "user_status:auth_003")).toBe(3);

    const run = await runner.execute({ previewId: preview.previewId, idempotencyKey: "delete-verified", confirm: "user_status:*" }, ALICE);
    expect(run).toMatchObject({ outcome: "verified", summary: "deleted 3 of 3 keys of user_status:*", verification: { findingCleared: true } });
    expect(await keys.exists("user_status:auth_001", "user_status:auth_002", "user_status:auth_003")).toBe(0);
    expect(await keys.exists("user_status:auth_101", "user_status:auth_102")).toBe(2);
    expect(await lastAudit(3)).toEqual([
      ["execute", "redis.delete-keys", "verified", "alice"],
      ["refused", "redis.delete-keys", "confirmation-needed", "alice"],
      ["preview", "redis.delete-keys", "previewed", "alice"],
    ]);
  });

  it("deletes one named key, as the runbook's DEL user_status:<auth_id>, and is not verified while others still never expire", async () => {
    await userStatus(["auth_000", "auth_001"]);
    await probe("user-sync.cache");
    const preview = await previewOf("user-sync.cache", "redis.keys-without-ttl", "redis.delete-keys", { key: "user_status:auth_000" });
    expect(preview).toMatchObject({ confirm: { expected: "user_status:auth_000" }, summary: "delete user_status:auth_000 (string, never expires)" });
    expect(preview.targets.map((t) => t.id)).toEqual(["user_status:auth_000"]);

    const run = await runner.execute({ previewId: preview.previewId, idempotencyKey: "delete-one", confirm: "user_status:auth_000" }, ALICE);
    expect(run.outcome).toBe("not-verified");
    expect(run.verification.findingCleared).toBe(false);
    expect(run.summary).toBe("deleted user_status:auth_000; but still: 1 keys match user_status:*, 1 without a TTL, 0 living longer than 5 min");
    expect(await keys.exists("user_status:auth_000", "user_status:auth_001")).toBe(1);
    expect(await lastAudit(1)).toEqual([["execute", "redis.delete-keys", "not-verified", "alice"]]);
  });
});

describe("redis.set-eviction-policy", () => {
  afterEach(async () => {
    await own.config("SET", "maxmemory", "0");
    await own.config("SET", "maxmemory-policy", "noeviction");
    await own.flushdb();
  });

  it("sets noeviction on a Redis that holds queues, and the finding clears", async () => {
    await own.config("SET", "maxmemory", "64mb");
    await own.config("SET", "maxmemory-policy", "allkeys-lru");
    await probe("agentauri.jobs");
    expect(finding("agentauri.jobs", "redis.eviction-policy")?.severity).toBe("crit");

    const preview = await previewOf("agentauri.jobs", "redis.eviction-policy", "redis.set-eviction-policy");
    expect(preview).toMatchObject({ risk: "caution", confirm: null });
    expect(preview.summary).toMatch(/^set maxmemory-policy from allkeys-lru to noeviction: at maxmemory, writes fail with OOM errors and no key is evicted \(now [\d.]+ MiB used of 64\.0 MiB\)$/);
    expect(preview.targets).toEqual([{ id: "maxmemory-policy", label: "maxmemory-policy allkeys-lru → noeviction", details: { setting: "maxmemory-policy", now: "allkeys-lru", after: "noeviction" } }]);

    const run = await runner.execute({ previewId: preview.previewId, idempotencyKey: "policy-verified" }, ALICE);
    expect(run).toMatchObject({ outcome: "verified", verification: { findingCleared: true } });
    expect(run.summary).toBe("maxmemory-policy is now noeviction (was allkeys-lru) until Redis restarts: put it in redis.conf, or run CONFIG REWRITE, to keep it");
    expect(await own.config("GET", "maxmemory-policy")).toEqual(["maxmemory-policy", "noeviction"]);
    expect(await lastAudit(2)).toEqual([
      ["execute", "redis.set-eviction-policy", "verified", "alice"],
      ["preview", "redis.set-eviction-policy", "previewed", "alice"],
    ]);
  });

  it("is not verified on memory pressure: the policy lets writes through again, but memory stays at the limit", async () => {
    await Array.from({ length: 300 }, (_, i) => i).reduce((pipe, i) => pipe.set(`birb:${i}`, "x".repeat(1024)), own.pipeline()).exec();
    const used = Number(/used_memory:(\d+)/.exec(await own.info("memory"))![1]);
    // Just above what it uses, as birb-nest-redis-near-maxmemory does, with noeviction: the next writes fail with OOM.
    await own.config("SET", "maxmemory", String(Math.ceil(used / 0.97)));
    await probe("birb-nest.cache");
    expect(finding("birb-nest.cache", "redis.memory-pressure")?.severity).toBe("crit");

    const preview = await previewOf("birb-nest.cache", "redis.memory-pressure", "redis.set-eviction-policy");
    expect(preview.summary).toMatch(/^set maxmemory-policy from noeviction to allkeys-lru: at maxmemory, any key may be evicted, least recently used first \(now .* used of .*\)$/);

    const run = await runner.execute({ previewId: preview.previewId, idempotencyKey: "policy-pressure" }, ALICE);
    expect(run.outcome).toBe("not-verified");
    expect(run.summary).toMatch(/^maxmemory-policy is now allkeys-lru \(was noeviction\).*; but still: used .* of .* \(\d+ %\), policy allkeys-lru/);
    expect(finding("birb-nest.cache", "redis.memory-pressure")?.severity).toBe("crit");
  });
});
