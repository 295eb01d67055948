import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatMs } from "@/lib/probe-kit/format";
import { above, amount, plain } from "@/lib/probe-kit/bounds";
import { configGet } from "./info";
import { countThreshold, worstVerdict } from "./verdicts";

export const slowCommands = defineFinding({
  id: "redis.slow-commands",
  title: "Slow Redis commands",
  severities: ["warn", "crit"],
  cause: "Commands took long enough to enter the slow log. Redis runs one command at a time, so each of them made every other client wait: KEYS or big SMEMBERS/HGETALL on large keys, Lua scripts, or a busy host.",
  steps: ["Read the slow log: the command, its key and its duration.", "Replace KEYS with SCAN, read big collections in pages, split hot keys.", "If PING itself is slow, look at the host: CPU steal, swapping, persistence forks."],
  commands: (target) => [target.redisCli("SLOWLOG", "GET", "10"), target.redisCli("--latency")],
});

const entrySchema = z.object({ id: z.number(), micros: z.number(), command: z.string() });

export const redisLatency = defineProbe({
  id: "redis.latency",
  title: "Latency",
  reads: "PING round trips, new slow-log entries, `LATENCY LATEST` when the monitor is on",
  kind: "redis",
  params: z.strictObject({
    pings: z.number().int().min(1).max(20).default(5).describe("PING round trips per run"),
    warnMs: amount(10, "Median PING that warns"),
    critMs: amount(100, "A new slow-log entry this long is critical"),
    newEntriesWarn: countThreshold(1, "New slow-log entries since the last run that warn"),
  }),
  data: z.object({ pingMs: z.number(), lastSlowId: z.number(), newSlow: z.array(entrySchema), monitor: z.string() }),
  findings: [slowCommands],
  series: (data) => data.pingMs,
  command: (target) => target.redisCli("--latency"),
  async read(redis, params, _signal, { previous }) {
    const rtts: number[] = [];
    for (let i = 0; i < params.pings; i += 1) {
      const started = performance.now();
      await redis.ping();
      rtts.push(performance.now() - started);
    }
    const pingMs = rtts.sort((a, b) => a - b)[Math.floor(rtts.length / 2)]!;
    const raw = (await redis.slowlog("GET", 20)) as [number, number, number, string[]][];
    const entries = raw.map(([id, , micros, args]) => ({ id, micros, command: args.slice(0, 3).join(" ").slice(0, 120) }));
    const lastSlowId = Math.max(-1, ...entries.map((e) => e.id));
    // Only what entered the slow log since the last run, slowest first; the first run sets the mark.
    const newSlow = previous ? entries.filter((e) => e.id > previous.data.lastSlowId).sort((a, b) => b.micros - a.micros) : [];
    const threshold = Number((await configGet(redis, "latency-monitor-threshold")) ?? 0);
    let monitor = "latency monitor off";
    if (threshold > 0) {
      const latest = (await redis.call("LATENCY", "LATEST")) as [string, number, number, number][];
      monitor = latest.length ? latest.map(([event, , last, max]) => `${event} last ${last} ms, max ${max} ms`).join("; ") : `latency monitor on (${threshold} ms), no events`;
    }
    return { pingMs, lastSlowId, newSlow, monitor };
  },
  judge({ pingMs, newSlow, monitor }, params) {
    const slowest = [...newSlow].sort((a, b) => b.micros - a.micros)[0];
    const slowestMs = slowest ? slowest.micros / 1000 : undefined;
    const parts = [`PING ${formatMs(pingMs)} (median of ${params.pings})`, slowest ? `${newSlow.length} new slow-log entries, slowest ${formatMs(slowestMs!)}: ${slowest.command}` : "no new slow-log entries", monitor];
    const summary = parts.join(", ");
    const { severity, rule } = worstVerdict({
      ping: above(pingMs, { warn: params.warnMs }, formatMs),
      "new entries": above(newSlow.length, { warn: params.newEntriesWarn }, plain),
      ...(slowestMs !== undefined ? { slowest: above(slowestMs, { crit: params.critMs }, formatMs) } : {}),
    });
    if (!severity) return { summary, findings: [] };
    return { summary, findings: [raise(slowCommands, severity, summary, { pingMs: Math.round(pingMs * 100) / 100, newEntries: newSlow.length, slowest: slowest?.command, slowestMs, rule })] };
  },
  latency: (data) => data.pingMs,
});
