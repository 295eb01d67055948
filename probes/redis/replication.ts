import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { amount } from "@/lib/probe-kit/thresholds";
import { parseRedisInfo } from "./info";

export const replicaLinkDown = defineFinding({
  id: "redis.replica-link-down",
  title: "Redis replica lost its primary",
  cause: "The replica's link to its primary is down or silent: the primary is unreachable, a full resync is looping (output buffer limits), or the network drops traffic. Reads from this replica go stale.",
  steps: ["Check master_link_status and the replica's log for sync errors.", "Check that the primary is reachable from the replica and its client-output-buffer-limit for replicas."],
  commands: (target) => [target.redisCli("INFO", "replication")],
});

export const redisReplication = defineProbe({
  id: "redis.replication",
  title: "Replication",
  kind: "redis",
  params: z.strictObject({ critSilentSeconds: amount(60, "Seconds without I/O from the primary that are critical") }),
  data: z.object({ role: z.string(), replicas: z.number(), linkStatus: z.string().optional(), lastIoSeconds: z.number().optional() }),
  findings: [replicaLinkDown],
  command: (target) => target.redisCli("INFO", "replication"),
  async run(redis, params) {
    const info = parseRedisInfo(await redis.info("replication"));
    const role = info.role === "slave" ? "replica" : (info.role ?? "unknown");
    if (role !== "replica") {
      const replicas = Number(info.connected_slaves ?? 0);
      return { status: "ok", summary: `${role}, ${replicas} replica${replicas === 1 ? "" : "s"} connected`, data: { role, replicas } };
    }
    const linkStatus = info.master_link_status ?? "unknown";
    const lastIoSeconds = Number(info.master_last_io_seconds_ago ?? -1);
    const data = { role, replicas: 0, linkStatus, lastIoSeconds };
    const summary = `replica of ${info.master_host}:${info.master_port}, link ${linkStatus}, last I/O ${lastIoSeconds} s ago`;
    if (linkStatus === "up" && lastIoSeconds <= params.critSilentSeconds) return { status: "ok", summary, data };
    return { status: "crit", summary, data, findings: [raise(replicaLinkDown, "crit", summary, { linkStatus, lastIoSeconds, primary: `${info.master_host}:${info.master_port}` })] };
  },
});
