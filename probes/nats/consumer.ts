import { jetstreamManager, type ConsumerInfo } from "@nats-io/jetstream";
import { z } from "zod";
import { defineFinding, raise, type RaisedFinding } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { forecast, ratePerSecond } from "@/lib/probe-kit/forecast";
import { formatAge, formatPercent } from "@/lib/probe-kit/format";
import { above, worstSeverity } from "@/lib/probe-kit/thresholds";
import { firstDefined, monitorNumber, monitorSeconds } from "./monitor-metadata";

const consumerInfo = (target: { nats(...args: string[]): string }, evidence: Record<string, unknown>) =>
  target.nats("consumer", "info", String(evidence.stream ?? ""), String(evidence.consumer ?? ""));

export const consumerMissing = defineFinding({
  id: "nats.consumer-missing",
  title: "Durable consumer missing",
  cause: "The durable consumer the service reads with does not exist on the stream: it was deleted (by hand, or to clear a “consumer already exists” conflict) and the service did not recreate it. Messages accumulate in the stream unread.",
  steps: [
    "Check whether the service is running; most recreate their durable at start-up, so a restart brings it back.",
    "Otherwise create it with the service's settings (ack policy explicit, its filter subject, max_deliver).",
    "Once it exists, watch its pending count drain.",
  ],
  commands: (target, evidence) => [consumerInfo(target, evidence), target.nats("consumer", "ls", String(evidence.stream ?? ""))],
  fixes: ["nats.create-consumer"],
  explains: ["nats.consumer-backlog"],
  matches: ["consumer not found", "nats: consumer not found", "10014"],
});

export const consumerBacklog = defineFinding({
  id: "nats.consumer-backlog",
  title: "Consumer falling behind",
  cause: "Messages arrive on the stream faster than the consumer takes them: too few workers, a slow handler or downstream, or a burst.",
  steps: ["Check that the consumer's workers run and how long each message takes them.", "Scale the workers out, or batch.", "Read the trend: draining recovers on its own, growing does not."],
  commands: (target, evidence) => [consumerInfo(target, evidence), target.nats("consumer", "report", String(evidence.stream ?? ""))],
  fixes: ["nats.scale-workers"],
});

export const consumerAckPending = defineFinding({
  id: "nats.consumer-ack-pending",
  title: "Consumer at its ack-pending limit",
  cause: "The consumer holds as many unacknowledged messages as max_ack_pending allows: the workers receive and do not acknowledge (hung handlers, a crash between work and ack). At the limit the server stops delivering.",
  steps: ["Find out why the workers do not acknowledge: their logs, a stuck downstream.", "Restarting the workers releases their messages for redelivery after ack_wait."],
  commands: (target, evidence) => [consumerInfo(target, evidence)],
});

export const consumerRedelivering = defineFinding({
  id: "nats.consumer-redelivering",
  title: "Messages being redelivered",
  cause: "The consumer's messages come back again and again: the handler fails or naks them (a poison message, a schema it cannot read, a database error), or it takes longer than ack_wait. After max_deliver attempts they are dropped or dead-lettered.",
  steps: ["Read the handler's errors for these messages.", "Look at one redelivered message (nats stream view) for what makes it fail.", "Fix the handler or park the poison message; raise ack_wait if the work is simply slow."],
  commands: (target, evidence) => [consumerInfo(target, evidence), target.nats("stream", "view", String(evidence.stream ?? ""))],
  explains: ["nats.dlq-filling", "nats.consumer-stalled"],
  matches: ["too many failed retries", "max deliveries", "nats: timeout waiting for ack"],
});

export const consumerStalled = defineFinding({
  id: "nats.consumer-stalled",
  title: "Consumer stalled",
  cause: "Work is waiting and nothing has been delivered or acknowledged for longer than the threshold: the workers stopped, hang, or stopped acknowledging.",
  steps: ["Check that the consumer's workers run and are connected to NATS.", "Read their last log lines; restart them if they hang.", "If the consumer was deleted and recreated meanwhile, check its start position."],
  commands: (target, evidence) => [consumerInfo(target, evidence)],
  explains: ["nats.consumer-backlog", "nats.consumer-ack-pending"],
  matches: ["stuck due to too many failed retries", "consumer stalled"],
});

/** The consumer's thresholds: the estate file's, else its io.nats.monitor.* metadata, else Lantern's defaults. */
export function consumerLimits(
  params: { warn?: number; crit?: number; stalledSeconds?: number },
  metadata: Record<string, string> | undefined,
  maxAckPending: number,
) {
  return {
    warnAt: params.warn ?? 1_000,
    critAt: firstDefined(params.crit, monitorNumber(metadata, "unprocessed-critical")) ?? 10_000,
    stalledSeconds: firstDefined(params.stalledSeconds, monitorSeconds(metadata, "last-ack-critical")) ?? 300,
    ackLimit: firstDefined(monitorNumber(metadata, "outstanding-ack-critical"), maxAckPending > 0 ? maxAckPending : undefined),
    redeliveryCrit: monitorNumber(metadata, "redelivery-critical"),
  };
}

const activityOf = (value: unknown): number | undefined => (value ? Date.parse(String(value)) : undefined);

export const natsConsumer = defineProbe({
  id: "nats.consumer",
  title: "Consumer",
  kind: "nats",
  params: z.strictObject({
    stream: z.string().min(1),
    consumer: z.string().min(1).describe("The durable consumer's name"),
    warn: z.number().min(0).optional().describe("Pending messages that warn (default 1,000)"),
    crit: z.number().min(0).optional().describe("Pending messages that are critical (default 10,000, or io.nats.monitor.unprocessed-critical)"),
    stalledSeconds: z.number().positive().optional().describe("Pending work with no delivery or ack this long is critical (default 300, or io.nats.monitor.last-ack-critical)"),
    trendSeconds: z.number().min(10).default(300),
  }),
  data: z.object({
    name: z.string(),
    exists: z.boolean(),
    pending: z.number(),
    ackPending: z.number(),
    maxAckPending: z.number(),
    redelivered: z.number(),
    redeliveredSinceLastRun: z.number(),
    waiting: z.number(),
    maxWaiting: z.number(),
    deliveredSeq: z.number(),
    streamSeq: z.number(),
    lastActive: z.string().nullable(),
    ratePerSecond: z.number().nullable(),
    forecast: z.string(),
    warnAt: z.number(),
    critAt: z.number(),
  }),
  findings: [consumerMissing, consumerBacklog, consumerAckPending, consumerRedelivering, consumerStalled],
  series: (data) => data.pending,
  command: (target, params) => target.nats("consumer", "info", params.stream, params.consumer),
  async run(nc, params, _signal, { previous, history }) {
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    const evidence = { stream: params.stream, consumer: params.consumer };
    let info: ConsumerInfo;
    try {
      info = await jsm.consumers.info(params.stream, params.consumer);
    } catch (error) {
      const name = (error as Error).name;
      if (name !== "ConsumerNotFoundError" && name !== "StreamNotFoundError" && !/not found/i.test((error as Error).message)) throw error;
      const summary = name === "StreamNotFoundError" ? `stream ${params.stream} does not exist, so neither does ${params.consumer}` : `durable consumer ${params.consumer} does not exist on ${params.stream}`;
      const data = { name: `${params.stream} > ${params.consumer}`, exists: false, pending: 0, ackPending: 0, maxAckPending: 0, redelivered: 0, redeliveredSinceLastRun: 0, waiting: 0, maxWaiting: 0, deliveredSeq: 0, streamSeq: 0, lastActive: null, ratePerSecond: null, forecast: "", warnAt: 0, critAt: 0 };
      return { status: "crit", summary, data, findings: [raise(consumerMissing, "crit", summary, evidence)] };
    }
    const maxAckPending = info.config.max_ack_pending ?? -1;
    const { warnAt, critAt, stalledSeconds, ackLimit, redeliveryCrit } = consumerLimits(params, info.config.metadata, maxAckPending);
    const pending = info.num_pending;
    const now = Date.now();
    // Every delivery moves consumer_seq; only new messages move stream_seq: the difference is redeliveries.
    const redeliveredSinceLastRun = previous
      ? Math.max(0, info.delivered.consumer_seq - previous.data.deliveredSeq - (info.delivered.stream_seq - previous.data.streamSeq))
      : 0;
    const lastDelivery = activityOf(info.delivered.last_active) ?? Date.parse(info.created);
    const lastAck = activityOf(info.ack_floor.last_active) ?? Date.parse(info.created);
    const lastActivity = Math.max(lastDelivery, lastAck);
    const points = [
      ...history.filter((h) => h.data.exists && now - Date.parse(h.checkedAt) <= params.trendSeconds * 1000).map((h) => ({ t: Date.parse(h.checkedAt), value: h.data.pending })),
      { t: now, value: pending },
    ];
    const rate = ratePerSecond(points);
    const outlook = forecast(pending, rate, critAt);
    const data = {
      name: `${params.stream} > ${params.consumer}`,
      exists: true,
      pending,
      ackPending: info.num_ack_pending,
      maxAckPending,
      redelivered: info.num_redelivered,
      redeliveredSinceLastRun,
      waiting: info.num_waiting,
      maxWaiting: info.config.max_waiting ?? 0,
      deliveredSeq: info.delivered.consumer_seq,
      streamSeq: info.delivered.stream_seq,
      lastActive: new Date(lastActivity).toISOString(),
      ratePerSecond: rate ?? null,
      forecast: outlook.words,
      warnAt,
      critAt,
    };

    const findings: RaisedFinding[] = [];
    const name = `${params.stream} > ${params.consumer}`;
    const backlog = above(pending, { warn: warnAt, crit: critAt }, (n) => n.toLocaleString("en-US"));
    if (backlog.severity) findings.push(raise(consumerBacklog, backlog.severity, `${name}: ${pending.toLocaleString("en-US")} pending, ${outlook.words}`, { ...evidence, pending, rule: backlog.rule, forecast: outlook.words }));
    if (ackLimit !== undefined && ackLimit > 0) {
      const ack = above(info.num_ack_pending / ackLimit, { warn: 0.8, crit: 1 }, formatPercent);
      if (ack.severity) findings.push(raise(consumerAckPending, ack.severity, `${name}: ${info.num_ack_pending} of ${ackLimit} unacknowledged${ack.severity === "crit" ? " — delivery has stopped" : ""}`, { ...evidence, ackPending: info.num_ack_pending, maxAckPending: ackLimit, rule: ack.rule }));
    }
    const redeliveryCritical = redeliveryCrit !== undefined && info.num_redelivered >= redeliveryCrit;
    // num_redelivered can linger after terminated messages; what moved since the last run is the signal.
    if (redeliveredSinceLastRun > 0 || redeliveryCritical) {
      const severity = redeliveryCritical ? "crit" : "warn";
      findings.push(raise(consumerRedelivering, severity, `${name}: ${redeliveredSinceLastRun} redeliveries since the last run, ${info.num_redelivered} messages being redelivered`, { ...evidence, redeliveredSinceLastRun, redelivered: info.num_redelivered }));
    }
    const work = pending + info.num_ack_pending;
    const quietFor = (now - Math.min(lastDelivery, lastAck)) / 1000;
    const ackQuietFor = (now - lastAck) / 1000;
    // Stalled needs work waiting: an idle consumer with nothing pending is simply idle.
    if (work > 0 && (ackQuietFor >= stalledSeconds || quietFor >= stalledSeconds)) {
      findings.push(
        raise(consumerStalled, "crit", `${name}: ${work.toLocaleString("en-US")} messages waiting, nothing acknowledged for ${formatAge(ackQuietFor * 1000)}`, {
          ...evidence,
          waiting: work,
          lastAck: formatAge(ackQuietFor * 1000),
          lastDelivery: formatAge(now - lastDelivery),
          threshold: formatAge(stalledSeconds * 1000),
        }),
      );
    }
    if (data.maxWaiting > 0 && info.num_waiting >= data.maxWaiting * 0.8) {
      findings.push(raise(consumerBacklog, "warn", `${name}: ${info.num_waiting} of ${data.maxWaiting} pull requests waiting`, { ...evidence, waiting: info.num_waiting, maxWaiting: data.maxWaiting }));
    }
    const summary = `${name}: ${pending.toLocaleString("en-US")} pending, ${info.num_ack_pending} unacknowledged${maxAckPending > 0 ? ` of ${maxAckPending}` : ""}, ${redeliveredSinceLastRun} redelivered since the last run, last activity ${formatAge(now - lastActivity)} ago, ${outlook.words}`;
    return { status: worstSeverity(findings.map((f) => f.severity)) ?? "ok", summary, data, findings };
  },
});
