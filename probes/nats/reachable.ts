import { jetstreamManager } from "@nats-io/jetstream";
import { z } from "zod";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatBytes, formatMs } from "@/lib/probe-kit/format";

const usageSchema = z.object({
  memoryBytes: z.number(),
  storageBytes: z.number(),
  /** -1 when the account has no limit. */
  maxMemoryBytes: z.number(),
  maxStorageBytes: z.number(),
  streams: z.number(),
  consumers: z.number(),
  apiErrors: z.number(),
});

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
    usage: usageSchema.optional(),
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
    const account = await (await jetstreamManager(nc, { checkAPI: false })).getAccountInfo();
    const usage = {
      memoryBytes: account.memory,
      storageBytes: account.storage,
      maxMemoryBytes: account.limits.max_memory,
      maxStorageBytes: account.limits.max_storage,
      streams: account.streams,
      consumers: account.consumers,
      apiErrors: account.api.errors,
    };
    const summary = `${head}, JetStream on: ${usage.streams} streams, ${usage.consumers} consumers, ${formatBytes(usage.storageBytes)} stored`;
    return { status: "ok", summary, data: { ...base, usage }, latencyMs: rttMs };
  },
});
