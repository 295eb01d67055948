import { z } from "zod";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatBytes, formatPercent } from "@/lib/probe-kit/format";
import { above, ratio, worstSeverity } from "@/lib/probe-kit/thresholds";
import { accountUsageSchema, readAccountUsage } from "./account-usage";

export const jetstreamLimits = defineFinding({
  id: "nats.jetstream-limits",
  title: "JetStream account close to its limits",
  cause: "The account's streams use most of the memory or file storage JetStream allows it. At the limit, publishes to streams fail with “insufficient resources” and messages are lost to producers without retries.",
  steps: [
    "See which streams hold the most (nats stream report) and whether their limits (max_age, max_bytes) are set at all.",
    "Purge or shorten retention where old messages no longer matter; raise the account limits if the host has room.",
  ],
  commands: (target) => [target.nats("account", "info"), target.nats("stream", "report")],
  matches: ["insufficient resources", "maximum bytes exceeded", "nats: insufficient resources"],
});

export const jetstreamApiErrors = defineFinding({
  id: "nats.jetstream-api-errors",
  title: "JetStream API requests failing",
  cause: "Clients' JetStream API calls (create, info, publish acknowledgements) are returning errors: streams or consumers that do not exist, names that are not allowed, or limits reached.",
  steps: ["Read the errors the services log around this time.", "Check the stream and consumer findings of this estate: a missing stream is the usual source."],
  commands: (target) => [target.nats("account", "info")],
});

const share = (used: number, limit: number) => (limit > 0 ? used / limit : 0);

export const natsJetstream = defineProbe({
  id: "nats.jetstream",
  title: "JetStream account",
  kind: "nats",
  params: z.strictObject({
    warn: ratio(0.75, "Share of memory or storage limit that warns"),
    crit: ratio(0.9, "Share of memory or storage limit that is critical"),
  }),
  data: accountUsageSchema.extend({ apiErrorsSinceLastRun: z.number() }),
  findings: [jetstreamLimits, jetstreamApiErrors],
  command: (target) => target.nats("account", "info"),
  async run(nc, params, _signal, { previous }) {
    const usage = await readAccountUsage(nc);
    const data = {
      ...usage,
      apiErrorsSinceLastRun: previous && usage.apiErrors >= previous.data.apiErrors ? usage.apiErrors - previous.data.apiErrors : 0,
    };
    // A limit of -1 (or 0) means the account may use what the server has: say so, never "0 %".
    const describe = (what: string, used: number, limit: number) =>
      limit > 0 ? `${what} ${formatBytes(used)} of ${formatBytes(limit)} (${formatPercent(share(used, limit))})` : `${what} ${formatBytes(used)} (unlimited)`;
    const memory = above(share(data.memoryBytes, data.maxMemoryBytes), params, formatPercent);
    const storage = above(share(data.storageBytes, data.maxStorageBytes), params, formatPercent);
    const parts = [describe("memory", data.memoryBytes, data.maxMemoryBytes), describe("storage", data.storageBytes, data.maxStorageBytes), `${data.streams} streams, ${data.consumers} consumers`];
    if (data.apiErrorsSinceLastRun) parts.push(`${data.apiErrorsSinceLastRun} API errors since the last run`);
    const findings = [];
    const limitSeverity = worstSeverity([memory.severity, storage.severity]);
    if (limitSeverity) findings.push(raise(jetstreamLimits, limitSeverity, parts.slice(0, 2).join(", "), { memory: memory.rule, storage: storage.rule }));
    if (data.apiErrorsSinceLastRun) findings.push(raise(jetstreamApiErrors, "warn", `${data.apiErrorsSinceLastRun} JetStream API errors since the last run`, { errors: data.apiErrorsSinceLastRun }));
    const status = worstSeverity(findings.map((f) => f.severity)) ?? "ok";
    return { status, summary: parts.join(", "), data, findings };
  },
});
