import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { above, amount } from "@/lib/probe-kit/bounds";
import { parseRedisInfo, roleOf } from "./info";

export const replicaLinkDown = defineFinding({
  id: "redis.replica-link-down",
  title: "Redis replica lost its primary",
  severities: ["crit"],
  cause: "The replica's link to its primary is down or silent: the primary is unreachable, a full resync is looping (output buffer limits), or the network drops traffic. Reads from this replica go stale.",
  steps: ["Check master_link_status and the replica's log for sync errors.", "Check that the primary is reachable from the replica and its client-output-buffer-limit for replicas."],
  commands: (target) => [target.redisCli("INFO", "replication")],
});

export const redisReplication = defineProbe({
  id: "redis.replication",
  title: "Replication",
  reads: "role, link status, seconds since the primary's last I/O",
  kind: "redis",
  params: z.strictObject({ critSilentSeconds: amount(60, "Seconds without I/O from the primary that are critical") }),
  data: z.object({ role: z.string(), replicas: z.number(), primary: z.string().optional(), linkStatus: z.string().optional(), lastIoSeconds: z.number().optional() }),
  findings: [replicaLinkDown],
  command: (target) => target.redisCli("INFO", "replication"),
  async read(redis) {
    const info = parseRedisInfo(await redis.info("replication"));
    const role = roleOf(info);
    if (role !== "replica") return { role, replicas: Number(info.connected_slaves ?? 0) };
    return {
      role,
      replicas: 0,
      primary: `${info.master_host}:${info.master_port}`,
      linkStatus: info.master_link_status ?? "unknown",
      // -1 when there is no link to time, as Redis itself reports it.
      lastIoSeconds: Number(info.master_last_io_seconds_ago ?? -1),
    };
  },
  judge({ role, replicas, primary, linkStatus = "unknown", lastIoSeconds = -1 }, params) {
    if (role !== "replica") return { summary: `${role}, ${replicas} replica${replicas === 1 ? "" : "s"} connected`, findings: [] };
    const summary = `replica of ${primary}, link ${linkStatus}, last I/O ${lastIoSeconds} s ago`;
    const silent = above(lastIoSeconds, { crit: params.critSilentSeconds }, (n) => `${n} s`);
    const rule = linkStatus !== "up" ? `link ${linkStatus} ≠ up (crit)` : silent.severity ? `last I/O ${silent.rule}` : undefined;
    if (!rule) return { summary, findings: [] };
    return { summary, findings: [raise(replicaLinkDown, "crit", summary, { linkStatus, lastIoSeconds, primary, rule })] };
  },
});
