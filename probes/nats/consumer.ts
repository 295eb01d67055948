import { jetstreamManager, RetentionPolicy, type ConsumerInfo } from "@nats-io/jetstream";
import { z } from "zod";
import { above, amount, plain, ratio } from "@/lib/probe-kit/bounds";
import { defineFinding, raise, type RaisedFinding } from "@/lib/probe-kit/define-finding";
import { defineFix, type FixSource } from "@/lib/probe-kit/define-fix";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { forecast, ratePerSecond } from "@/lib/probe-kit/forecast";
import { formatAge, formatPercent } from "@/lib/probe-kit/format";
import { planRecreation, recreate } from "./consumer-recreation";
import { consumerConfigDetails, declaredConsumer, declaredConsumerShape, newConsumerConfig } from "./declared-config";
import { instanceName } from "./instance-names";
import { consumerInfoOf, isNotFound, streamInfoOf } from "./jetstream-lookup";
import { firstDefined, monitorEntries, monitorMetadataSchema, monitorNumber, monitorSeconds } from "./monitor-metadata";
import { judgeTogether } from "./verdicts";

const consumerInfo = (target: { nats(...args: string[]): string }, params: Record<string, unknown>) =>
  target.nats("consumer", "info", instanceName(params, "stream"), instanceName(params, "consumer"));

/** The durable to put in place, as the raising instance declares it. */
const durableParams = z.strictObject({
  stream: z.string().min(1).describe("The stream it reads"),
  consumer: z.string().min(1).describe("The durable consumer's name"),
  ...declaredConsumerShape,
});

const durableOf = ({ probeParams }: FixSource) => ({ ...declaredConsumer.parse(probeParams), stream: String(probeParams.stream), consumer: String(probeParams.consumer) });

const count = (n: number) => n.toLocaleString("en-US");

export const createConsumer = defineFix({
  id: "nats.create-consumer",
  title: "Create the durable consumer",
  kind: "nats",
  // Its workers start on what it delivers at once: everything the stream holds, unless declared otherwise.
  risk: "caution",
  ask: "Its workers will receive everything its deliver policy reaches (by default all the stream still holds): is that where the service should start?",
  params: durableParams,
  // Without its stream there is nothing to create it on: the stream's own fix comes first.
  paramsFrom: (source) => (source.evidence.streamExists === false ? undefined : durableOf(source)),
  async preview(nc, params) {
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    const config = newConsumerConfig(params.consumer, params);
    const [stream, existing] = await Promise.all([streamInfoOf(jsm, params.stream), consumerInfoOf(jsm, params.stream, params.consumer)]);
    // Whether the stream and the consumer are there is the decision; the stream's message count ticks and is only shown.
    const state = { stream: params.stream, consumer: params.consumer, streamExists: Boolean(stream), exists: Boolean(existing), config };
    if (!stream) return { summary: `stream ${params.stream} does not exist: create it first`, targets: [], state };
    if (existing) return { summary: `${params.consumer} exists already on ${params.stream}: nothing to create`, targets: [], state };
    const details = consumerConfigDetails(config);
    const reaches = { all: `the ${count(stream.state.messages)} messages the stream holds`, new: "only what is published from now on", last: "the stream's last message and what follows" }[params.deliverPolicy ?? "all"];
    return {
      summary: `create durable ${params.consumer} on ${params.stream} (ack ${details["ack policy"]}, deliver ${details["deliver policy"]}): its workers receive ${reaches}`,
      targets: [
        {
          id: params.consumer,
          label: `durable ${params.consumer} on ${params.stream} · ack ${details["ack policy"]} · deliver ${details["deliver policy"]}`,
          details: { consumer: params.consumer, stream: params.stream, ...details, "stream holds": stream.state.messages },
        },
      ],
      state,
    };
  },
  async execute(nc, params, targets) {
    if (targets.length === 0) return { summary: "nothing created", touched: 0 };
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    // The service may have recreated it at start-up since the preview: its own stays as it is.
    if (await consumerInfoOf(jsm, params.stream, params.consumer)) return { summary: `${params.consumer} appeared on ${params.stream} meanwhile; nothing created`, touched: 0 };
    await jsm.consumers.add(params.stream, newConsumerConfig(params.consumer, params));
    return { summary: `created durable ${params.consumer} on ${params.stream}: its workers can bind to it again`, touched: 1 };
  },
  verify: ["nats.consumer"],
  cooldownMs: 30_000,
  maxTargets: 1,
});

export const consumerMissing = defineFinding({
  id: "nats.consumer-missing",
  title: "Durable consumer missing",
  severities: ["crit"],
  cause: "The durable consumer the service reads with does not exist on the stream: it was deleted (by hand, or to clear a “consumer already exists” conflict) and the service did not recreate it. Messages accumulate in the stream unread.",
  steps: [
    "Check whether the service is running; most recreate their durable at start-up, so a restart brings it back.",
    "Otherwise create it with the service's settings (ack policy explicit, its filter subject, max_deliver).",
    "Once it exists, watch its pending count drain.",
  ],
  commands: (target, _evidence, params) => [consumerInfo(target, params), target.nats("consumer", "ls", instanceName(params, "stream"))],
  explains: ["nats.consumer-backlog"],
  fixes: [createConsumer],
  matches: ["consumer not found", "nats: consumer not found", "10014"],
});

export const consumerBacklog = defineFinding({
  id: "nats.consumer-backlog",
  title: "Consumer falling behind",
  severities: ["warn", "crit"],
  cause: "Messages arrive on the stream faster than the consumer takes them: too few workers, a slow handler or downstream, or a burst.",
  steps: ["Check that the consumer's workers run and how long each message takes them.", "Scale the workers out, or batch.", "Read the trend: draining recovers on its own, growing does not."],
  commands: (target, _evidence, params) => [consumerInfo(target, params), target.nats("consumer", "report", instanceName(params, "stream"))],
});

export const consumerAckPending = defineFinding({
  id: "nats.consumer-ack-pending",
  title: "Consumer at its ack-pending limit",
  severities: ["warn", "crit"],
  cause: "The consumer holds as many unacknowledged messages as max_ack_pending allows: the workers receive and do not acknowledge (hung handlers, a crash between work and ack). At the limit the server stops delivering.",
  steps: ["Find out why the workers do not acknowledge: their logs, a stuck downstream.", "Restarting the workers releases their messages for redelivery after ack_wait."],
  commands: (target, _evidence, params) => [consumerInfo(target, params)],
});

export const consumerRedelivering = defineFinding({
  id: "nats.consumer-redelivering",
  title: "Messages being redelivered",
  severities: ["warn", "crit"],
  cause: "The consumer's messages come back again and again: the handler fails or naks them (a poison message, a schema it cannot read, a database error), or it takes longer than ack_wait. After max_deliver attempts they are dropped or dead-lettered.",
  steps: ["Read the handler's errors for these messages.", "Look at one redelivered message (nats stream view) for what makes it fail.", "Fix the handler or park the poison message; raise ack_wait if the work is simply slow."],
  commands: (target, _evidence, params) => [consumerInfo(target, params), target.nats("stream", "view", instanceName(params, "stream"))],
  explains: ["nats.dlq-filling", "nats.consumer-stalled"],
  matches: ["too many failed retries", "max deliveries", "nats: timeout waiting for ack"],
});

export const recreateConsumer = defineFix({
  id: "nats.recreate-consumer",
  title: "Delete and recreate the consumer",
  kind: "nats",
  // Its workers lose their place in the old one: unacknowledged messages are delivered again, at once.
  risk: "caution",
  ask: "A recreated consumer stalls again if its workers still do not acknowledge: are they fixed or restarted?",
  params: durableParams,
  paramsFrom: durableOf,
  async preview(nc, params) {
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    const plan = await planRecreation(jsm, params.stream, params.consumer, params);
    if (!plan) return { summary: `${params.consumer} no longer exists on ${params.stream}: nothing to recreate`, targets: [], state: { stream: params.stream, consumer: params.consumer, exists: false } };
    const { info, retention, resumesAt, config, changes } = plan;
    // This incarnation of the consumer (its creation time), where it resumes and what it becomes: pending counts tick and are only shown.
    const state = { stream: params.stream, consumer: params.consumer, created: info.created, resumesAt, retention, config };
    if (retention === RetentionPolicy.Interest) {
      return { summary: `${params.consumer} is not recreated: on an interest stream, deleting it drops the messages only it was waiting for; restart its workers instead`, targets: [], state };
    }
    const waiting = info.num_pending + info.num_ack_pending;
    return {
      summary: `delete and recreate durable ${params.consumer} on ${params.stream}${changes.length ? ` (${changes.join(", ")})` : " with its own settings"}, resuming at stream #${resumesAt}: its ${count(waiting)} waiting messages (${count(info.num_ack_pending)} unacknowledged) go to its workers again`,
      targets: [
        {
          id: params.consumer,
          label: `durable ${params.consumer} on ${params.stream} · ${count(info.num_pending)} pending, ${count(info.num_ack_pending)} unacknowledged · resumes at #${resumesAt}`,
          details: {
            consumer: params.consumer,
            stream: params.stream,
            pending: info.num_pending,
            unacknowledged: info.num_ack_pending,
            "resumes at": resumesAt,
            ...consumerConfigDetails(config),
            changes: changes.join(", ") || "none",
            created: info.created,
          },
        },
      ],
      state,
    };
  },
  async execute(nc, params, targets) {
    const [target] = targets;
    if (!target) return { summary: "nothing recreated", touched: 0 };
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    const plan = await planRecreation(jsm, params.stream, params.consumer, params);
    // Only the consumer the preview showed, stopped where the preview saw it.
    if (!plan || plan.info.created !== target.details.created || plan.resumesAt !== target.details["resumes at"]) {
      return { summary: `${params.consumer} changed since the preview; nothing touched`, touched: 0 };
    }
    await recreate(jsm, params.stream, plan);
    const waiting = plan.info.num_pending + plan.info.num_ack_pending;
    return { summary: `recreated durable ${params.consumer} on ${params.stream}, resuming at stream #${plan.resumesAt}: ${count(waiting)} waiting messages go to its workers again`, touched: 1 };
  },
  verify: ["nats.consumer"],
  // A recreated consumer is never stalled at first: give its workers a moment to show they acknowledge again.
  settleMs: 5_000,
  cooldownMs: 60_000,
  maxTargets: 1,
});

export const consumerStalled = defineFinding({
  id: "nats.consumer-stalled",
  title: "Consumer stalled",
  severities: ["crit"],
  cause: "Work is waiting and nothing has been delivered or acknowledged for longer than the threshold: the workers stopped, hang, or stopped acknowledging.",
  steps: ["Check that the consumer's workers run and are connected to NATS.", "Read their last log lines; restart them if they hang.", "If the consumer was deleted and recreated meanwhile, check its start position."],
  commands: (target, _evidence, params) => [consumerInfo(target, params)],
  explains: ["nats.consumer-backlog", "nats.consumer-ack-pending"],
  fixes: [recreateConsumer],
  matches: ["stuck due to too many failed retries", "consumer stalled"],
});

export const consumerMaxWaiting = defineFinding({
  id: "nats.consumer-max-waiting",
  title: "Pull requests piling up at max_waiting",
  severities: ["warn"],
  cause:
    "Nearly as many pull requests wait on this consumer as its max_waiting allows: the workers ask for messages faster than the stream has any — more idle pullers than intended, or a client that opens a new fetch before its last one expired. At the limit the server refuses further pulls (“409 Exceeded MaxWaiting”), and the workers log errors instead of receiving.",
  steps: [
    "Count the workers pulling from this consumer and the fetches each keeps open (batch size, expiry).",
    "Keep fewer concurrent fetches per worker, or shorter expiries, so idle pulls do not pile up.",
    "Raise max_waiting only if that many pullers are meant to wait at once.",
  ],
  commands: (target, _evidence, params) => [consumerInfo(target, params)],
  matches: ["Exceeded MaxWaiting", "409 Exceeded MaxWaiting"],
});

// Defaults that apply only when neither the estate file nor io.nats.monitor.* metadata sets the threshold.
const PENDING_CRIT = 10_000;
const STALLED_SECONDS = 300;

const consumerParams = z.strictObject({
  stream: z.string().min(1).describe("The stream the consumer reads"),
  consumer: z.string().min(1).describe("The durable consumer's name"),
  warn: amount(1_000, "Pending messages that warn"),
  crit: z.number().min(0).optional().describe(`Pending messages that are critical (default io.nats.monitor.unprocessed-critical, else ${PENDING_CRIT.toLocaleString("en-US")})`),
  stalledSeconds: z.number().positive().optional().describe(`Pending work with no delivery or ack this long is critical (default io.nats.monitor.last-ack-critical, else ${STALLED_SECONDS})`),
  ackPendingWarn: ratio(0.8, "Share of max_ack_pending (or io.nats.monitor.outstanding-ack-critical) unacknowledged that warns"),
  ackPendingCrit: ratio(1, "Share of max_ack_pending (or io.nats.monitor.outstanding-ack-critical) unacknowledged that is critical"),
  redeliveriesWarn: amount(1, "Redeliveries since the last run that warn"),
  redeliveredCrit: z.number().min(0).optional().describe("Messages being redelivered that are critical (default io.nats.monitor.redelivery-critical, else none)"),
  waitingWarn: ratio(0.8, "Share of max_waiting pull requests waiting that warns"),
  trendSeconds: z.number().min(10).default(300).describe("How far back the pending count's rate and forecast look"),
  ...declaredConsumerShape,
});

type ConsumerParams = z.output<typeof consumerParams>;

/** The consumer's thresholds: the estate file's, else its io.nats.monitor.* metadata, else Lantern's defaults. */
export function consumerLimits(
  params: Pick<ConsumerParams, "warn" | "crit" | "stalledSeconds" | "redeliveredCrit">,
  metadata: Record<string, string> | undefined,
  maxAckPending: number,
) {
  return {
    warnAt: params.warn,
    critAt: firstDefined(params.crit, monitorNumber(metadata, "unprocessed-critical")) ?? PENDING_CRIT,
    stalledSeconds: firstDefined(params.stalledSeconds, monitorSeconds(metadata, "last-ack-critical")) ?? STALLED_SECONDS,
    ackLimit: firstDefined(monitorNumber(metadata, "outstanding-ack-critical"), maxAckPending > 0 ? maxAckPending : undefined),
    redeliveryCrit: firstDefined(params.redeliveredCrit, monitorNumber(metadata, "redelivery-critical")),
  };
}

type Limits = ReturnType<typeof consumerLimits>;

const consumerData = z.object({
  name: z.string(),
  exists: z.boolean(),
  /** False when the consumer is missing because its stream is. */
  streamExists: z.boolean(),
  pending: z.number(),
  ackPending: z.number(),
  maxAckPending: z.number(),
  redelivered: z.number(),
  redeliveredSinceLastRun: z.number(),
  waiting: z.number(),
  maxWaiting: z.number(),
  deliveredSeq: z.number(),
  streamSeq: z.number(),
  /** The later of the last delivery and the last acknowledgement. */
  lastActive: z.string().nullable(),
  lastDelivery: z.string().nullable(),
  lastAck: z.string().nullable(),
  /** When Lantern first saw work waiting, unbroken since; null when nothing waits or it was already waiting at the first reading. */
  waitingSince: z.string().nullable(),
  ratePerSecond: z.number().nullable(),
  forecast: z.string(),
  warnAt: z.number(),
  critAt: z.number(),
  monitorMetadata: monitorMetadataSchema,
});

type ConsumerData = z.output<typeof consumerData>;

const activityOf = (value: unknown): number | undefined => (value ? Date.parse(String(value)) : undefined);
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A message published after a quiet hour is not an hour stalled: the stall
 * clock starts no earlier than the last reading that saw nothing waiting.
 */
function workWaitingSince(work: number, previous: { checkedAt: string; data: ConsumerData } | undefined): string | null {
  if (work === 0 || !previous?.data.exists) return null;
  const before = previous.data;
  return before.pending + before.ackPending > 0 ? before.waitingSince : previous.checkedAt;
}

/** The reading of a consumer that is not there (or whose stream is not). */
export function absent(name: string, streamExists: boolean): ConsumerData {
  return {
    name,
    exists: false,
    streamExists,
    pending: 0,
    ackPending: 0,
    maxAckPending: 0,
    redelivered: 0,
    redeliveredSinceLastRun: 0,
    waiting: 0,
    maxWaiting: 0,
    deliveredSeq: 0,
    streamSeq: 0,
    lastActive: null,
    lastDelivery: null,
    lastAck: null,
    waitingSince: null,
    ratePerSecond: null,
    forecast: "",
    warnAt: 0,
    critAt: 0,
    monitorMetadata: {},
  };
}

/** Each judgement below takes the reading and what it needs, and raises at most one finding. */
interface Judging {
  data: ConsumerData;
  params: ConsumerParams;
  limits: Limits;
  evidence: { stream: string; consumer: string };
  now: number;
}

function judgeBacklog({ data, limits, evidence }: Judging): RaisedFinding | undefined {
  const verdict = above(data.pending, { warn: limits.warnAt, crit: limits.critAt }, plain);
  if (!verdict.severity) return undefined;
  return raise(consumerBacklog, verdict.severity, `${data.name}: ${count(data.pending)} pending, ${data.forecast}`, { ...evidence, pending: data.pending, rule: verdict.rule, forecast: data.forecast });
}

function judgeAckPending({ data, params, limits, evidence }: Judging): RaisedFinding | undefined {
  const limit = limits.ackLimit;
  if (limit === undefined || limit <= 0) return undefined;
  const verdict = above(data.ackPending / limit, { warn: params.ackPendingWarn, crit: params.ackPendingCrit }, formatPercent);
  if (!verdict.severity) return undefined;
  // The server itself stops at max_ack_pending, whatever threshold judged the reading.
  const stopped = data.maxAckPending > 0 && data.ackPending >= data.maxAckPending ? " — delivery has stopped" : "";
  return raise(consumerAckPending, verdict.severity, `${data.name}: ${data.ackPending} of ${limit} unacknowledged${stopped}`, {
    ...evidence,
    ackPending: data.ackPending,
    maxAckPending: limit,
    rule: verdict.rule,
  });
}

function judgeRedeliveries({ data, params, limits, evidence }: Judging): RaisedFinding | undefined {
  // num_redelivered can linger after terminated messages; what moved since the last run is the signal, unless a crit count is set.
  const { severity, rule } = judgeTogether([
    { label: "redeliveries since the last run", verdict: above(data.redeliveredSinceLastRun, { warn: params.redeliveriesWarn }, plain) },
    { label: "being redelivered", verdict: above(data.redelivered, { crit: limits.redeliveryCrit }, plain) },
  ]);
  if (!severity) return undefined;
  return raise(consumerRedelivering, severity, `${data.name}: ${data.redeliveredSinceLastRun} redeliveries since the last run, ${data.redelivered} messages being redelivered`, {
    ...evidence,
    redeliveredSinceLastRun: data.redeliveredSinceLastRun,
    redelivered: data.redelivered,
    rule,
  });
}

function judgeStall({ data, limits, evidence, now }: Judging): RaisedFinding | undefined {
  const work = data.pending + data.ackPending;
  // Stalled needs work waiting: an idle consumer with nothing pending is simply idle.
  if (work === 0) return undefined;
  // An unknown time is no evidence of quiet.
  const at = (time: string | null) => (time ? Date.parse(time) : now);
  const lastDelivery = at(data.lastDelivery);
  const lastAck = at(data.lastAck);
  const quietSince = Math.max(Math.min(lastDelivery, lastAck), data.waitingSince ? Date.parse(data.waitingSince) : -Infinity);
  const verdict = above((now - quietSince) / 1000, { crit: limits.stalledSeconds }, (seconds) => formatAge(seconds * 1000));
  if (!verdict.severity) return undefined;
  return raise(consumerStalled, verdict.severity, `${data.name}: ${count(work)} messages waiting, nothing acknowledged for ${formatAge(now - Math.max(lastAck, quietSince))}`, {
    ...evidence,
    waiting: work,
    lastAck: formatAge(now - lastAck),
    lastDelivery: formatAge(now - lastDelivery),
    threshold: formatAge(limits.stalledSeconds * 1000),
    rule: verdict.rule,
  });
}

function judgeWaitingPulls({ data, params, evidence }: Judging): RaisedFinding | undefined {
  if (data.maxWaiting <= 0) return undefined;
  const verdict = above(data.waiting / data.maxWaiting, { warn: params.waitingWarn }, formatPercent);
  if (!verdict.severity) return undefined;
  return raise(consumerMaxWaiting, verdict.severity, `${data.name}: ${data.waiting} of ${data.maxWaiting} pull requests waiting`, { ...evidence, waiting: data.waiting, maxWaiting: data.maxWaiting, rule: verdict.rule });
}

const JUDGEMENTS = [judgeBacklog, judgeAckPending, judgeRedeliveries, judgeStall, judgeWaitingPulls];

export const natsConsumer = defineProbe({
  id: "nats.consumer",
  title: "Consumer",
  reads: "pending with rate and forecast, unacknowledged against `max_ack_pending`, redeliveries, stalled, waiting pulls; honours `io.nats.monitor.*` metadata",
  kind: "nats",
  params: consumerParams,
  data: consumerData,
  findings: [consumerMissing, consumerBacklog, consumerAckPending, consumerRedelivering, consumerStalled, consumerMaxWaiting],
  // A consumer that is not there has no depth to draw, nor to count in a trend.
  series: (data) => (data.exists ? data.pending : undefined),
  command: (target, params) => target.nats("consumer", "info", params.stream, params.consumer),
  async read(nc, params, _signal, { previous, history, now }) {
    const name = `${params.stream} > ${params.consumer}`;
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    let info: ConsumerInfo;
    try {
      info = await jsm.consumers.info(params.stream, params.consumer);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      return absent(name, (error as Error).name !== "StreamNotFoundError");
    }
    const maxAckPending = info.config.max_ack_pending ?? -1;
    const monitorMetadata = monitorEntries(info.config.metadata);
    const { warnAt, critAt } = consumerLimits(params, monitorMetadata, maxAckPending);
    const pending = info.num_pending;
    // Every delivery moves consumer_seq; only new messages move stream_seq: the difference is redeliveries.
    const redeliveredSinceLastRun = previous?.data.exists
      ? Math.max(0, info.delivered.consumer_seq - previous.data.deliveredSeq - (info.delivered.stream_seq - previous.data.streamSeq))
      : 0;
    const lastDelivery = activityOf(info.delivered.last_active) ?? Date.parse(info.created);
    const lastAck = activityOf(info.ack_floor.last_active) ?? Date.parse(info.created);
    const waitingSince = workWaitingSince(info.num_pending + info.num_ack_pending, previous);
    const points = [
      ...history.filter((h) => now - h.t <= params.trendSeconds * 1000),
      { t: now, value: pending },
    ];
    const rate = ratePerSecond(points);
    return {
      name,
      exists: true,
      streamExists: true,
      pending,
      ackPending: info.num_ack_pending,
      maxAckPending,
      redelivered: info.num_redelivered,
      redeliveredSinceLastRun,
      waiting: info.num_waiting,
      maxWaiting: info.config.max_waiting ?? 0,
      deliveredSeq: info.delivered.consumer_seq,
      streamSeq: info.delivered.stream_seq,
      lastActive: iso(Math.max(lastDelivery, lastAck)),
      lastDelivery: iso(lastDelivery),
      lastAck: iso(lastAck),
      waitingSince,
      ratePerSecond: rate ?? null,
      forecast: forecast(pending, rate, critAt).words,
      warnAt,
      critAt,
      monitorMetadata,
    };
  },
  judge(data, params, { now }) {
    const evidence = { stream: params.stream, consumer: params.consumer };
    if (!data.exists) {
      const summary = data.streamExists ? `durable consumer ${params.consumer} does not exist on ${params.stream}` : `stream ${params.stream} does not exist, so neither does ${params.consumer}`;
      return { summary, findings: [raise(consumerMissing, "crit", summary, { ...evidence, streamExists: data.streamExists })] };
    }
    const judging = { data, params, limits: consumerLimits(params, data.monitorMetadata, data.maxAckPending), evidence, now };
    const findings = JUDGEMENTS.flatMap((judgement) => judgement(judging) ?? []);
    const lastActivity = data.lastActive ? `, last activity ${formatAge(now - Date.parse(data.lastActive))} ago` : "";
    const summary = `${data.name}: ${count(data.pending)} pending, ${data.ackPending} unacknowledged${data.maxAckPending > 0 ? ` of ${data.maxAckPending}` : ""}, ${data.redeliveredSinceLastRun} redelivered since the last run${lastActivity}, ${data.forecast}`;
    return { summary, findings };
  },
  view(data, params) {
    if (!data.exists) return {};
    const { warnAt, critAt } = consumerLimits(params, data.monitorMetadata, data.maxAckPending);
    return {
      queue: {
        name: data.name,
        kind: "JetStream consumer",
        depth: data.pending,
        warnAt,
        critAt,
        forecast: data.forecast,
        details: [`${count(data.ackPending)} unacknowledged${data.maxAckPending > 0 ? ` of ${count(data.maxAckPending)}` : ""}`, `${data.redeliveredSinceLastRun} redelivered since the last run`],
        lastActive: data.lastActive,
      },
    };
  },
});
