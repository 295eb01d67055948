import { z } from "zod";
import { above, amount, plain, ratio } from "@/lib/probe-kit/bounds";
import { defineFinding, raise, type RaisedFinding } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatBytes, formatPercent } from "@/lib/probe-kit/format";
import { accountUsageSchema, readAccountUsage } from "./account-usage";
import { judgeTogether, type LabelledVerdict } from "./verdicts";

export const jetstreamLimits = defineFinding({
  id: "nats.jetstream-limits",
  title: "JetStream account close to its limits",
  severities: ["warn", "crit"],
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
  severities: ["warn"],
  cause: "Clients' JetStream API calls (create, info, publish acknowledgements) are returning errors: streams or consumers that do not exist, names that are not allowed, or limits reached.",
  steps: ["Read the errors the services log around this time.", "Check the stream and consumer findings of this estate: a missing stream is the usual source."],
  commands: (target) => [target.nats("account", "info")],
});

interface Use {
  what: string;
  used: number;
  limit: number;
}

// A limit of -1 (or 0) means the account may use what the server has: nothing to judge, and never "0 %".
const describeUse = ({ what, used, limit }: Use) => (limit > 0 ? `${what} ${formatBytes(used)} of ${formatBytes(limit)} (${formatPercent(used / limit)})` : `${what} ${formatBytes(used)} (unlimited)`);
const judgeUse = ({ what, used, limit }: Use, limits: { warn: number; crit: number }): LabelledVerdict[] =>
  limit > 0 ? [{ label: what, verdict: above(used / limit, limits, formatPercent) }] : [];

export const natsJetstream = defineProbe({
  id: "nats.jetstream",
  title: "JetStream account",
  reads: 'account memory and storage against limits ("unlimited" said as such), API errors',
  kind: "nats",
  params: z.strictObject({
    warn: ratio(0.75, "Share of memory or storage limit that warns"),
    crit: ratio(0.9, "Share of memory or storage limit that is critical"),
    apiErrorsWarn: amount(1, "JetStream API errors since the last run that warn"),
  }),
  data: accountUsageSchema.extend({ apiErrorsSinceLastRun: z.number() }),
  findings: [jetstreamLimits, jetstreamApiErrors],
  command: (target) => target.nats("account", "info"),
  async read(nc, _params, _signal, { previous }) {
    const usage = await readAccountUsage(nc);
    // The counter restarts with the server: a smaller value is a new count, not negative errors.
    const apiErrorsSinceLastRun = previous && usage.apiErrors >= previous.data.apiErrors ? usage.apiErrors - previous.data.apiErrors : 0;
    return { ...usage, apiErrorsSinceLastRun };
  },
  judge(data, params) {
    const memory = { what: "memory", used: data.memoryBytes, limit: data.maxMemoryBytes };
    const storage = { what: "storage", used: data.storageBytes, limit: data.maxStorageBytes };
    const parts = [describeUse(memory), describeUse(storage), `${data.streams} streams, ${data.consumers} consumers`];
    if (data.apiErrorsSinceLastRun) parts.push(`${data.apiErrorsSinceLastRun} API errors since the last run`);
    const findings: RaisedFinding[] = [];
    const usage = judgeTogether([memory, storage].flatMap((use) => judgeUse(use, params)));
    if (usage.severity) findings.push(raise(jetstreamLimits, usage.severity, parts.slice(0, 2).join(", "), { rule: usage.rule }));
    const errors = above(data.apiErrorsSinceLastRun, { warn: params.apiErrorsWarn }, plain);
    if (errors.severity) {
      findings.push(raise(jetstreamApiErrors, errors.severity, `${data.apiErrorsSinceLastRun} JetStream API errors since the last run`, { errors: data.apiErrorsSinceLastRun, rule: errors.rule }));
    }
    return { summary: parts.join(", "), findings };
  },
});
