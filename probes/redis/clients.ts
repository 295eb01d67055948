import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatPercent } from "@/lib/probe-kit/format";
import { above, ratio } from "@/lib/probe-kit/thresholds";
import { configGet, parseRedisInfo } from "./info";

export const clientsExhausted = defineFinding({
  id: "redis.clients-exhausted",
  title: "Redis connections close to maxclients",
  cause: "Clients open connections faster than they close them (a pool per request, a leak) or the limit is low for the fleet; past maxclients new connections are refused with “max number of clients reached”.",
  steps: ["List clients by name and address (CLIENT LIST) to see who holds them.", "Fix the pool that leaks, or raise maxclients if the host allows."],
  commands: (target) => [target.redisCli("INFO", "clients"), target.redisCli("CLIENT", "LIST")],
  matches: ["max number of clients reached", "ERR max number of clients reached", "redis: connection pool timeout"],
});

export const redisClients = defineProbe({
  id: "redis.clients",
  title: "Clients",
  kind: "redis",
  params: z.strictObject({ warn: ratio(0.8, "Share of maxclients connected that warns"), crit: ratio(0.9, "Share of maxclients connected that is critical") }),
  data: z.object({ connected: z.number(), max: z.number(), blocked: z.number(), rejected: z.number(), rejectedSinceLastRun: z.number() }),
  findings: [clientsExhausted],
  command: (target) => target.redisCli("INFO", "clients"),
  async run(redis, params, _signal, { previous }) {
    const clients = parseRedisInfo(await redis.info("clients"));
    const stats = parseRedisInfo(await redis.info("stats"));
    const max = Number(clients.maxclients ?? (await configGet(redis, "maxclients")) ?? 10000);
    const connected = Number(clients.connected_clients ?? 0);
    const blocked = Number(clients.blocked_clients ?? 0);
    const rejected = Number(stats.rejected_connections ?? 0);
    const rejectedSinceLastRun = previous && rejected >= previous.data.rejected ? rejected - previous.data.rejected : 0;
    const verdict = above(connected / max, params, formatPercent);
    const summary = `${connected} of ${max} clients (${formatPercent(connected / max)}), ${blocked} blocked${rejectedSinceLastRun ? `, ${rejectedSinceLastRun} refused since the last run` : ""}`;
    const severity = rejectedSinceLastRun > 0 ? "crit" : verdict.severity;
    const data = { connected, max, blocked, rejected, rejectedSinceLastRun };
    if (!severity) return { status: "ok", summary, data };
    return { status: severity, summary, data, findings: [raise(clientsExhausted, severity, summary, { connected, max, rule: verdict.rule, refused: rejectedSinceLastRun })] };
  },
});
