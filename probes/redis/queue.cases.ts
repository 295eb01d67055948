import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { redisQueue } from "./queue";

const reading = (depth: number, forecast = "steady", more: { warnAt?: number; critAt?: number; ratePerSecond?: number } = {}) => ({
  key: "action_jobs",
  type: "list",
  depth,
  warnAt: more.warnAt ?? 10_000,
  critAt: more.critAt ?? 50_000,
  ratePerSecond: more.ratePerSecond ?? 0,
  forecast,
});
const params = { key: "action_jobs" };

export default judgingCases(redisQueue, {
  healthy: [
    { what: "1,200 jobs, steady", data: reading(1_200), params },
    { what: "just under 10,000", data: reading(9_999, "growing 12/s, critical in ~56 min", { ratePerSecond: 12 }), params },
    { what: "no key: an empty queue", data: { ...reading(0, "trend not known yet"), type: "none", ratePerSecond: null }, params },
  ],
  raises: [
    { what: "at 10,000 waiting", finding: "redis.queue-backlog", severity: "warn", data: reading(10_000, "growing 240/s, critical in ~2 min", { ratePerSecond: 240 }), params },
    { what: "at 50,000: backpressure", finding: "redis.queue-backlog", severity: "crit", data: reading(50_000, "growing 306/s, past critical", { ratePerSecond: 306 }), params },
    { what: "62,000 and draining", finding: "redis.queue-backlog", severity: "crit", data: reading(62_000, "draining 500/s, empty in ~2 min", { ratePerSecond: -500 }), params },
    {
      what: "marks set in the estate",
      finding: "redis.queue-backlog",
      severity: "warn",
      data: reading(230, "growing 200/s, critical in ~4 s", { warnAt: 100, critAt: 1_000, ratePerSecond: 200 }),
      params: { ...params, warn: 100, crit: 1_000 },
    },
    {
      what: "a stream with a consumer group behind",
      finding: "redis.queue-backlog",
      severity: "warn",
      data: { ...reading(14_500, "growing 35/s, critical in ~17 min", { ratePerSecond: 35 }), type: "stream", groups: [{ name: "workers", consumers: 2, pending: 14_200, lag: 14_500, oldestPendingSeconds: 420 }] },
      params,
    },
  ],
});
