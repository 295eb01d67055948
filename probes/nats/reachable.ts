import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatBytes, formatMs } from "@/lib/probe-kit/format";
import { accountUsageSchema, readAccountUsage } from "./account-usage";

export const jetstreamDisabled = defineFinding({
  id: "nats.jetstream-disabled",
  title: "JetStream not enabled",
  severities: ["crit"],
  cause:
    "The server answers, but JetStream is off for this connection's account: nats-server was started without JetStream (no -js flag, no jetstream block in its configuration), or the account it puts this user in has no JetStream limits. Streams and durable consumers do not exist there, so publishes that need an acknowledgement and every consumer fail.",
  steps: [
    "Ask the server whether JetStream runs at all (its /jsz monitoring endpoint, or nats account info).",
    "Enable it: start nats-server with -js, or add a jetstream block (store_dir, max_memory_store, max_file_store) to its configuration and reload it.",
    "With accounts, give this user's account JetStream limits (jetstream: enabled) in the server configuration.",
    "Once it is on, check that the streams the services expect exist again: a fresh store_dir starts empty.",
  ],
  commands: (target) => [target.nats("account", "info"), target.nats("server", "ping")],
  matches: ["JetStream not enabled", "jetstream not enabled for account", "nats: jetstream not enabled", "10039"],
});

export const natsReachable = defineProbe({
  id: "nats.reachable",
  title: "NATS answers",
  reads: "round trip, version, JetStream on, account usage",
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
  findings: [jetstreamDisabled],
  command: (target, params) => (params.jetstream ? target.nats("account", "info") : target.nats("server", "ping")),
  async read(nc) {
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
    return base.jetstream ? { ...base, usage: await readAccountUsage(nc) } : base;
  },
  judge({ version, rttMs, jetstream, usage }, params) {
    const head = `NATS ${version}, RTT ${formatMs(rttMs)}`;
    if (!jetstream) {
      const summary = `${head}, JetStream not enabled`;
      if (!params.jetstream) return { summary, findings: [] };
      return { summary, findings: [raise(jetstreamDisabled, "crit", "JetStream not enabled on this server, and this dependency needs it", { version, rule: "JetStream off, expected on (crit)" })] };
    }
    const words = usage ? `: ${usage.streams} streams, ${usage.consumers} consumers, ${formatBytes(usage.storageBytes)} stored` : "";
    return { summary: `${head}, JetStream on${words}`, findings: [] };
  },
  latency: (data) => data.rttMs,
});
