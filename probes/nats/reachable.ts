import { z } from "zod";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatBytes, formatMs } from "@/lib/probe-kit/format";
import { accountUsageSchema, readAccountUsage } from "./account-usage";

export const natsReachable = defineProbe({
  id: "nats.reachable",
  title: "NATS answers",
  kind: "nats",
  params: z.strictObject({
    jetstream: z.boolean().default(true).describe("JetStream must be enabled for this account; crit when it is not."),
  }),
  data: z.object({
    version: z.string(),
    serverName: z.string(),
    rttMs: z.number(),
    jetstream: z.boolean(),
    usage: accountUsageSchema.optional(),
  }),
  findings: [],
  command: (target, params) => (params.jetstream ? target.nats("account", "info") : target.nats("server", "ping")),
  async run(nc, params) {
    // flush() is one PING/PONG: timed here with sub-millisecond precision, unlike rtt().
    const started = performance.now();
    await nc.flush();
    const rttMs = performance.now() - started;
    const info = nc.info;
    const base = {
      version: info?.version ?? "unknown",
      serverName: info?.server_name ?? "unknown",
      rttMs,
      jetstream: Boolean(info?.jetstream),
    };
    const head = `NATS ${base.version}, RTT ${formatMs(rttMs)}`;
    if (!base.jetstream) {
      const summary = `${head}, JetStream not enabled`;
      return { status: params.jetstream ? "crit" : "ok", summary, data: base, latencyMs: rttMs };
    }
    const usage = await readAccountUsage(nc);
    const summary = `${head}, JetStream on: ${usage.streams} streams, ${usage.consumers} consumers, ${formatBytes(usage.storageBytes)} stored`;
    return { status: "ok", summary, data: { ...base, usage }, latencyMs: rttMs };
  },
});
