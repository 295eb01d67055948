import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { forecast, ratePerSecond } from "@/lib/probe-kit/forecast";
import { above, amount, plain } from "@/lib/probe-kit/bounds";
import { ProbeReadError } from "@/lib/probe-kit/read-error";
import type { RedisClient } from "@/lib/clients/redis";

/** The command that counts what waits, for each type of key a queue may live in. */
const LENGTH: Record<string, string> = { list: "LLEN", zset: "ZCARD", stream: "XLEN" };
const lengthCommand = (type: string): string | undefined => (Object.hasOwn(LENGTH, type) ? LENGTH[type] : undefined);

export const queueBacklog = defineFinding({
  id: "redis.queue-backlog",
  title: "Queue backing up",
  severities: ["warn", "crit"],
  cause:
    "Work arrives faster than the workers take it: workers stopped, crashed or slowed down (a slow downstream, open breakers), or a burst of input. At the critical depth producers may apply backpressure and refuse new jobs; Redis memory grows meanwhile.",
  steps: [
    "Check that the workers run and what their logs say (errors, timeouts, breakers).",
    "If they are healthy but too few, scale them out.",
    "Watch the trend: “draining” means it recovers on its own; “growing” means act now.",
  ],
  commands: (target, evidence, params) => {
    const key = typeof params.key === "string" ? params.key : "<key>";
    const type = String(evidence.type ?? "list");
    return [target.redisCli(lengthCommand(type) ?? "LLEN", key), ...(type === "stream" ? [target.redisCli("XINFO", "GROUPS", key)] : [])];
  },
  matches: ["QUEUE_HIGH_DEPTH", "CRITICAL_QUEUE_DEPTH", "backpressure"],
});

const groupSchema = z.object({ name: z.string(), consumers: z.number(), pending: z.number(), lag: z.number().nullable(), oldestPendingSeconds: z.number().nullable() });

export const redisQueue = defineProbe({
  id: "redis.queue",
  title: "Queue depth",
  reads: "list, stream (groups, lag, pending, oldest pending) or sorted set depth, rate and forecast in words",
  kind: "redis",
  params: z.strictObject({
    key: z.string().min(1).describe("The list, stream or sorted set holding the queue"),
    warn: amount(10_000, "Depth that warns"),
    crit: amount(50_000, "Depth that is critical"),
    trendSeconds: z.number().min(10).default(300).describe("How far back the rate of change is measured"),
  }),
  data: z.object({
    key: z.string(),
    type: z.string(),
    depth: z.number(),
    warnAt: z.number(),
    critAt: z.number(),
    ratePerSecond: z.number().nullable(),
    forecast: z.string(),
    groups: z.array(groupSchema).optional(),
  }),
  findings: [queueBacklog],
  series: (data) => data.depth,
  command: (target, params) => target.redisCli("LLEN", params.key),
  async read(redis, params, _signal, { history, now }) {
    const type = await redis.type(params.key);
    const length = lengthCommand(type);
    if (!length && type !== "none") throw new ProbeReadError(`${params.key} is a ${type}, not a list, stream or sorted set`);
    const depth = length ? Number(await redis.call(length, params.key)) : 0;
    const groups = type === "stream" ? await streamGroups(redis, params.key, now) : undefined;
    const points = [
      ...history.filter((h) => now - h.t <= params.trendSeconds * 1000),
      { t: now, value: depth },
    ];
    const rate = ratePerSecond(points);
    const outlook = forecast(depth, rate, params.crit);
    return { key: params.key, type, depth, warnAt: params.warn, critAt: params.crit, ratePerSecond: rate ?? null, forecast: outlook.words, ...(groups ? { groups } : {}) };
  },
  judge({ key, type, depth, forecast: outlook }, params) {
    const summary = `${key}: ${depth.toLocaleString("en-US")} ${type === "none" ? "(empty)" : "waiting"}, ${outlook}`;
    const verdict = above(depth, params, plain);
    if (!verdict.severity) return { summary, findings: [] };
    return { summary, findings: [raise(queueBacklog, verdict.severity, summary, { key, type, depth, rule: verdict.rule, forecast: outlook })] };
  },
  view: ({ key, type, depth, warnAt, critAt, forecast: outlook }) => ({ queue: { name: key, kind: `redis ${type}`, depth, warnAt, critAt, forecast: outlook, details: [] } }),
});

async function streamGroups(redis: RedisClient, key: string, now: number) {
  const raw = (await redis.xinfo("GROUPS", key)) as (string | number | null)[][];
  return Promise.all(
    raw.map(async (fields) => {
      const group: Record<string, string | number | null> = {};
      for (let i = 0; i < fields.length; i += 2) group[String(fields[i])] = fields[i + 1] ?? null;
      const pending = Number(group.pending ?? 0);
      let oldestPendingSeconds: number | null = null;
      if (pending > 0) {
        const summary = (await redis.xpending(key, String(group.name))) as [number, string | null, string | null, unknown];
        const oldestId = summary[1];
        // A stream id starts with the milliseconds it was added at.
        if (oldestId) oldestPendingSeconds = Math.max(0, (now - Number(oldestId.split("-")[0])) / 1000);
      }
      return { name: String(group.name), consumers: Number(group.consumers ?? 0), pending, lag: group.lag === null || group.lag === undefined ? null : Number(group.lag), oldestPendingSeconds };
    }),
  );
}
