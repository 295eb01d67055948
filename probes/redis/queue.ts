import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { forecast, ratePerSecond } from "@/lib/probe-kit/forecast";
import { above } from "@/lib/probe-kit/thresholds";

export const queueBacklog = defineFinding({
  id: "redis.queue-backlog",
  title: "Queue backing up",
  cause:
    "Work arrives faster than the workers take it: workers stopped, crashed or slowed down (a slow downstream, open breakers), or a burst of input. At the critical depth producers may apply backpressure and refuse new jobs; Redis memory grows meanwhile.",
  steps: [
    "Check that the workers run and what their logs say (errors, timeouts, breakers).",
    "If they are healthy but too few, scale them out.",
    "Watch the trend: “draining” means it recovers on its own; “growing” means act now.",
  ],
  commands: (target, evidence) => [target.redisCli(evidence.type === "stream" ? "XINFO" : "LLEN", ...(evidence.type === "stream" ? ["GROUPS", String(evidence.key)] : [String(evidence.key)]))],
  fixes: ["redis.scale-workers"],
  matches: ["QUEUE_HIGH_DEPTH", "CRITICAL_QUEUE_DEPTH", "backpressure"],
});

const groupSchema = z.object({ name: z.string(), consumers: z.number(), pending: z.number(), lag: z.number().nullable(), oldestPendingSeconds: z.number().nullable() });

export const redisQueue = defineProbe({
  id: "redis.queue",
  title: "Queue depth",
  kind: "redis",
  params: z.strictObject({
    key: z.string().min(1).describe("The list, stream or sorted set holding the queue"),
    warn: z.number().min(0).default(10_000).describe("Depth that warns"),
    crit: z.number().min(0).default(50_000).describe("Depth that is critical"),
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
  async run(redis, params, _signal, { history }) {
    const type = await redis.type(params.key);
    let depth = 0;
    let groups: z.infer<typeof groupSchema>[] | undefined;
    if (type === "list") depth = await redis.llen(params.key);
    else if (type === "zset") depth = await redis.zcard(params.key);
    else if (type === "stream") {
      depth = await redis.xlen(params.key);
      groups = await streamGroups(redis, params.key);
    } else if (type !== "none") {
      return { status: "error", summary: `${params.key} is a ${type}, not a list, stream or sorted set`, data: { key: params.key, type, depth: 0, warnAt: params.warn, critAt: params.crit, ratePerSecond: null, forecast: "" } };
    }
    const now = Date.now();
    const points = [
      ...history.filter((h) => now - Date.parse(h.checkedAt) <= params.trendSeconds * 1000).map((h) => ({ t: Date.parse(h.checkedAt), value: h.data.depth })),
      { t: now, value: depth },
    ];
    const rate = ratePerSecond(points);
    const outlook = forecast(depth, rate, params.crit);
    const data = { key: params.key, type, depth, warnAt: params.warn, critAt: params.crit, ratePerSecond: rate ?? null, forecast: outlook.words, ...(groups ? { groups } : {}) };
    const verdict = above(depth, { warn: params.warn, crit: params.crit }, (n) => n.toLocaleString("en-US"));
    const summary = `${params.key}: ${depth.toLocaleString("en-US")} ${type === "none" ? "(empty)" : "waiting"}, ${outlook.words}`;
    if (!verdict.severity) return { status: "ok", summary, data };
    return {
      status: verdict.severity,
      summary,
      data,
      findings: [raise(queueBacklog, verdict.severity, summary, { key: params.key, type, depth, rule: verdict.rule, forecast: outlook.words })],
    };
  },
});

async function streamGroups(redis: Parameters<typeof redisQueue.run>[0], key: string) {
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
        if (oldestId) oldestPendingSeconds = Math.max(0, (Date.now() - Number(oldestId.split("-")[0])) / 1000);
      }
      return { name: String(group.name), consumers: Number(group.consumers ?? 0), pending, lag: group.lag === null || group.lag === undefined ? null : Number(group.lag), oldestPendingSeconds };
    }),
  );
}
