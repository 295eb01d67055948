import { describe, expect, it } from "vitest";
import type { FixSource } from "@/lib/probe-kit/define-fix";
import { deleteKeys, expireKeys } from "./keys";
import { setEvictionPolicy } from "./memory";

const source = (findingId: string, evidence: Record<string, unknown>, probeParams: Record<string, unknown>): FixSource => ({ findingId, evidence, probeParams, actions: [] });

// What each finding offers, from what it saw: a fix that would change nothing is not offered.
describe("the Redis fixes a finding offers", () => {
  const userStatus = { pattern: "user_status:*", maxTtlSeconds: 300, lingeringWarn: 1, maxScan: 10_000 };

  it("keys that never expire: a TTL of the probe's maxTtlSeconds, or their deletion, on the probe's pattern", () => {
    const raised = source("redis.keys-without-ttl", { pattern: "user_status:*", withoutTtl: 3, ttlTooLong: 0 }, userStatus);
    expect(expireKeys.paramsFrom(raised)).toEqual({ pattern: "user_status:*", seconds: 300, maxScan: 10_000 });
    expect(deleteKeys.paramsFrom(raised)).toEqual({ pattern: "user_status:*", neverExpiring: true, maxScan: 10_000 });
  });

  it("keys that only live too long: neither, since both act on keys without a TTL", () => {
    const raised = source("redis.keys-without-ttl", { pattern: "user_status:*", withoutTtl: 0, ttlTooLong: 4 }, userStatus);
    expect(expireKeys.paramsFrom(raised)).toBeUndefined();
    expect(deleteKeys.paramsFrom(raised)).toBeUndefined();
  });

  it("a delete names a key or a pattern", () => {
    expect(deleteKeys.params.safeParse({}).success).toBe(false);
    expect(deleteKeys.params.parse({ key: "user_status:auth_000" })).toEqual({ key: "user_status:auth_000", neverExpiring: false, maxScan: 10_000 });
  });

  it("an eviction policy: noeviction where queues live, allkeys-lru for a cache, nothing when it is already so", () => {
    expect(setEvictionPolicy.paramsFrom(source("redis.eviction-policy", { policy: "allkeys-lru" }, { holdsQueues: true }))).toEqual({ policy: "noeviction" });
    expect(setEvictionPolicy.paramsFrom(source("redis.memory-pressure", { policy: "noeviction" }, { holdsQueues: false }))).toEqual({ policy: "allkeys-lru" });
    expect(setEvictionPolicy.paramsFrom(source("redis.memory-pressure", { policy: "allkeys-lru" }, { holdsQueues: false }))).toBeUndefined();
    expect(setEvictionPolicy.paramsFrom(source("redis.memory-pressure", { policy: "noeviction" }, { holdsQueues: true }))).toBeUndefined();
  });
});
