import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatAge, formatMs } from "@/lib/probe-kit/format";
import { parseRedisInfo, roleOf } from "./info";

export const roleMismatch = defineFinding({
  id: "redis.role-mismatch",
  title: "Redis has another role than expected",
  severities: ["crit"],
  cause:
    "The server at this address is not in the role the service relies on: a failover (Sentinel, a managed service's maintenance) demoted the old primary to a replica, so every write is refused with READONLY; or the URL points at the wrong node of the set.",
  steps: [
    "Ask the server its role and, for a replica, which primary it follows.",
    "Find the current primary (Sentinel, or the provider's console) and point the services and this dependency at it, or let their clients follow Sentinel.",
    "If the node was demoted by mistake, promote it back (REPLICAOF NO ONE) only once you are sure no other primary takes writes.",
  ],
  commands: (target) => [target.redisCli("ROLE"), target.redisCli("INFO", "replication")],
  matches: ["READONLY You can't write against a read only replica"],
});

export const redisReachable = defineProbe({
  id: "redis.reachable",
  title: "Redis answers",
  reads: "`PING`, version, uptime, role",
  kind: "redis",
  params: z.strictObject({
    role: z
      .enum(["any", "master", "replica"])
      .default("any")
      .describe("The role this server must have; a replica where a master is expected is crit."),
  }),
  data: z.object({
    version: z.string(),
    uptimeSeconds: z.number(),
    role: z.string(),
    mode: z.string(),
    pingMs: z.number(),
  }),
  findings: [roleMismatch],
  command: (target) => target.redisCli("PING"),
  async read(redis) {
    const started = performance.now();
    await redis.ping();
    const pingMs = performance.now() - started;
    const server = parseRedisInfo(await redis.info("server"));
    const replication = parseRedisInfo(await redis.info("replication"));
    return {
      version: server.redis_version ?? "unknown",
      uptimeSeconds: Number(server.uptime_in_seconds ?? 0),
      role: roleOf(replication),
      mode: server.redis_mode ?? "standalone",
      pingMs,
    };
  },
  judge({ version, uptimeSeconds, role, pingMs }, params) {
    const summary = `Redis ${version}, ${role}, up ${formatAge(uptimeSeconds * 1000)}, PING in ${formatMs(pingMs)}`;
    if (params.role === "any" || params.role === role) return { summary, findings: [] };
    const words = `${role}, expected ${params.role}`;
    return { summary: `${words} — ${summary}`, findings: [raise(roleMismatch, "crit", words, { role, expected: params.role, rule: `role ${role} ≠ ${params.role} (crit)` })] };
  },
  latency: (data) => data.pingMs,
});
