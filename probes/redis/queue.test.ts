import { describe, expect, it } from "vitest";
import { CommandTarget } from "@/lib/probe-kit/commands";
import { ProbeReadError } from "@/lib/probe-kit/read-error";
import { Redactor } from "@/lib/secrets/redactor";
import { queueBacklog, redisQueue } from "./queue";

const params = redisQueue.params.parse({ key: "action_jobs" });
const context = { history: [], now: Date.parse("2026-11-30T12:00:00Z") };

describe("redis.queue", () => {
  it("a key of another type is a reading error, not an empty queue", async () => {
    const redis = { type: async () => "hash" };
    await expect(redisQueue.read(redis as never, params, new AbortController().signal, context)).rejects.toThrow(new ProbeReadError("action_jobs is a hash, not a list, stream or sorted set"));
  });

  it("counts a sorted set with ZCARD", async () => {
    const redis = { type: async () => "zset", call: async (command: string) => (command === "ZCARD" ? 12_400 : 0) };
    const data = await redisQueue.read(redis as never, params, new AbortController().signal, context);
    expect(data).toMatchObject({ type: "zset", depth: 12_400, warnAt: 10_000, critAt: 50_000, forecast: "trend not known yet" });
  });

  it("gives the queues panel its row, naming no probe", () => {
    const data = { key: "action_jobs", type: "list", depth: 12_000, warnAt: 10_000, critAt: 50_000, ratePerSecond: 240, forecast: "growing 240/s, critical in ~3 min" };
    expect(redisQueue.view!(data, params)).toEqual({
      queue: { name: "action_jobs", kind: "redis list", depth: 12_000, warnAt: 10_000, critAt: 50_000, forecast: "growing 240/s, critical in ~3 min", details: [] },
    });
  });

  it("the backlog's commands count the key the instance watches, with its type's command", () => {
    const target = new CommandTarget("redis://127.0.0.1:6379/10", new Redactor([]), 3000);
    expect(queueBacklog.commands(target, { type: "stream" }, { key: "events" })).toEqual(["redis-cli -h 127.0.0.1 -p 6379 -n 10 XLEN events", "redis-cli -h 127.0.0.1 -p 6379 -n 10 XINFO GROUPS events"]);
    expect(queueBacklog.commands(target, {}, {})).toEqual(["redis-cli -h 127.0.0.1 -p 6379 -n 10 LLEN '<key>'"]);
  });
});
