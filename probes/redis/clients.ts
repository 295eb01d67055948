import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatPercent } from "@/lib/probe-kit/format";
import { above, plain, ratio } from "@/lib/probe-kit/bounds";
import { configGet, counterDelta, parseRedisInfo } from "./info";
import { countThreshold, worstVerdict } from "./verdicts";

export const clientsExhausted = defineFinding({
  id: "redis.clients-exhausted",
  title: "Redis connections close to maxclients",
  severities: ["warn", "crit"],
  cause: "Clients open connections faster than they close them (a pool per request, a leak) or the limit is low for the fleet; past maxclients new connections are refused with “max number of clients reached”.",
  steps: ["List clients by name and address (CLIENT LIST) to see who holds them.", "Fix the pool that leaks, or raise maxclients if the host allows."],
  commands: (target) => [target.redisCli("INFO", "clients"), target.redisCli("CLIENT", "LIST")],
  matches: ["max number of clients reached", "ERR max number of clients reached", "redis: connection pool timeout"],
});

export const redisClients = defineProbe({
  id: "redis.clients",
  title: "Clients",
  reads: "clients against `maxclients`, refused connections",
  kind: "redis",
  params: z.strictObject({
    warn: ratio(0.8, "Share of maxclients connected that warns"),
    crit: ratio(0.9, "Share of maxclients connected that is critical"),
    refusedCrit: countThreshold(1, "Connections refused since the last run that are critical"),
  }),
  data: z.object({ connected: z.number(), max: z.number(), blocked: z.number(), rejected: z.number(), rejectedSinceLastRun: z.number() }),
  findings: [clientsExhausted],
  command: (target) => target.redisCli("INFO", "clients"),
  async read(redis, _params, _signal, { previous }) {
    const clients = parseRedisInfo(await redis.info("clients"));
    const stats = parseRedisInfo(await redis.info("stats"));
    const rejected = Number(stats.rejected_connections ?? 0);
    return {
      connected: Number(clients.connected_clients ?? 0),
      // 10,000 is Redis's own default, for servers that neither report nor let us read it.
      max: Number(clients.maxclients ?? (await configGet(redis, "maxclients")) ?? 10000),
      blocked: Number(clients.blocked_clients ?? 0),
      rejected,
      rejectedSinceLastRun: counterDelta(rejected, previous?.data.rejected),
    };
  },
  judge({ connected, max, blocked, rejectedSinceLastRun }, params) {
    const summary = `${connected} of ${max} clients (${formatPercent(connected / max)}), ${blocked} blocked${rejectedSinceLastRun ? `, ${rejectedSinceLastRun} refused since the last run` : ""}`;
    const { severity, rule } = worstVerdict({
      connected: above(connected / max, params, formatPercent),
      refused: above(rejectedSinceLastRun, { crit: params.refusedCrit }, plain),
    });
    if (!severity) return { summary, findings: [] };
    return { summary, findings: [raise(clientsExhausted, severity, summary, { connected, max, rule, refused: rejectedSinceLastRun })] };
  },
});
