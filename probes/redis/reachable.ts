import { z } from "zod";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatAge, formatMs } from "@/lib/probe-kit/format";
import { parseRedisInfo } from "./info";

export const redisReachable = defineProbe({
  id: "redis.reachable",
  title: "Redis answers",
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
  }),
  findings: [],
  command: (target) => target.redisCli("PING"),
  async run(redis, params) {
    const started = performance.now();
    await redis.ping();
    const latencyMs = performance.now() - started;
    const server = parseRedisInfo(await redis.info("server"));
    const replication = parseRedisInfo(await redis.info("replication"));
    const role = replication.role === "slave" ? "replica" : (replication.role ?? "unknown");
    const data = {
      version: server.redis_version ?? "unknown",
      uptimeSeconds: Number(server.uptime_in_seconds ?? 0),
      role,
      mode: server.redis_mode ?? "standalone",
    };
    const summary = `Redis ${data.version}, ${role}, up ${formatAge(data.uptimeSeconds * 1000)}, PING in ${formatMs(latencyMs)}`;
    if (params.role !== "any" && params.role !== role) {
      return { status: "crit", summary: `${role}, expected ${params.role} — ${summary}`, data, latencyMs };
    }
    return { status: "ok", summary, data, latencyMs };
  },
});
