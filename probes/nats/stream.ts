import { jetstreamManager, type StreamInfo } from "@nats-io/jetstream";
import { z } from "zod";
import { defineFinding, raise, type RaisedFinding } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatBytes, formatPercent } from "@/lib/probe-kit/format";
import { above, ratio, worstSeverity } from "@/lib/probe-kit/thresholds";
import { firstDefined, monitorNumber } from "./monitor-metadata";

export const streamMissing = defineFinding({
  id: "nats.stream-missing",
  title: "Stream missing",
  cause:
    "The JetStream stream the services publish to and consume from does not exist: it was never created on this server, was deleted, or its creation failed — often because the name was refused (stream names cannot contain “.”, “*”, “>” or spaces). Publishes to its subjects get no acknowledgement; consumers cannot bind.",
  steps: [
    "Check whether another stream captures the subjects instead (nats stream find).",
    "Create the stream with its subjects, storage and retention as the service expects.",
    "If the service creates it at start-up, read its log: a refused name (dots in a stream name) is the usual reason.",
  ],
  commands: (target, evidence) => [
    target.nats("stream", "info", String(evidence.stream ?? "")),
    target.nats("stream", "ls"),
    target.nats("stream", "add", String(evidence.stream ?? ""), "--subjects", ((evidence.subjects as string[] | undefined) ?? []).join(","), "--storage", "file", "--retention", "limits", "--defaults"),
  ],
  fixes: ["nats.create-stream"],
  explains: ["nats.consumer-missing", "http.component-failing", "nats.subject-silent"],
  matches: ["stream not found", "nats: stream not found", "no stream matches subject", "10059"],
});

export const streamNameInvalid = defineFinding({
  id: "nats.stream-name-invalid",
  title: "Stream name JetStream will never accept",
  cause:
    "The stream name contains “.”, “*”, “>” or whitespace. Those characters belong to subjects, not stream names: JetStream refuses to create such a stream. A topic called user_sync with the subject user.sync is stored in stream user_sync, not user.sync.",
  steps: ["Name the stream with letters, digits, “-” and “_” (user_sync) and keep the dots for its subjects (user.sync).", "Check where the service computes the name (a subject calculator) and make it use the internal topic name."],
  commands: (target) => [target.nats("stream", "ls")],
  matches: ["cannot contain '.'", "invalid stream name", "stream name is required and can not contain", "InvalidNameError"],
});

export const streamDrift = defineFinding({
  id: "nats.stream-drift",
  title: "Stream configured differently than expected",
  cause: "The stream exists but its subjects, storage or retention differ from what the services were built for: a hand edit, or a service that created it with other defaults.",
  steps: ["Compare the difference shown with the service's stream definition.", "Update the stream (nats stream edit) — some settings, like storage, need a new stream and a migration."],
  commands: (target, evidence) => [target.nats("stream", "info", String(evidence.stream ?? ""), "--json")],
});

export const streamFull = defineFinding({
  id: "nats.stream-full",
  title: "Stream close to its limits",
  cause: "The stream holds nearly as many messages or bytes as its limits allow: with discard old, the oldest messages are dropped before consumers read them; with discard new, publishes fail.",
  steps: ["Check whether consumers keep up (their pending counts).", "Raise max_msgs or max_bytes, or shorten max_age, knowingly."],
  commands: (target, evidence) => [target.nats("stream", "info", String(evidence.stream ?? ""))],
});

export const dlqFilling = defineFinding({
  id: "nats.dlq-filling",
  title: "Dead-letter queue filling",
  cause: "Messages that failed every delivery attempt are being parked in the dead-letter stream: the handler rejects them (bad data, a schema the code does not know, a database constraint) or a downstream it needs keeps failing.",
  steps: [
    "Look at the newest dead letters (nats stream view) and the error they carry.",
    "Fix the cause, then replay the dead letters (for Birb Nest: process-dlq --retry).",
    "If it grows while you look, the cause is still active: check the consumer that feeds it for redeliveries.",
  ],
  commands: (target, evidence) => [target.nats("stream", "view", String(evidence.stream ?? "")), target.nats("stream", "info", String(evidence.stream ?? ""))],
  matches: ["DLQ filling up", "max deliveries reached", "MAX_DELIVERIES"],
});

const INVALID_NAME = /[.*>\s]/;

export const natsStream = defineProbe({
  id: "nats.stream",
  title: "Stream",
  kind: "nats",
  params: z.strictObject({
    stream: z.string().min(1).describe("The stream's name"),
    subjects: z.array(z.string()).optional().describe("Subjects the stream must capture"),
    storage: z.enum(["file", "memory"]).optional(),
    retention: z.enum(["limits", "interest", "workqueue"]).optional(),
    warn: ratio(0.8, "Share of max_msgs or max_bytes that warns"),
    crit: ratio(0.95, "Share of max_msgs or max_bytes that is critical"),
    deadLetter: z.boolean().default(false).describe("A dead-letter stream: any message warns, growth is critical"),
  }),
  data: z.object({
    stream: z.string(),
    exists: z.boolean(),
    messages: z.number(),
    bytes: z.number(),
    maxMsgs: z.number(),
    maxBytes: z.number(),
    subjects: z.array(z.string()),
    consumers: z.number(),
    capturedBy: z.string().optional(),
  }),
  findings: [streamMissing, streamNameInvalid, streamDrift, streamFull, dlqFilling],
  series: (data) => data.messages,
  command: (target, params) => target.nats("stream", "info", params.stream),
  async run(nc, params, _signal, { previous }) {
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    const empty = { stream: params.stream, exists: false, messages: 0, bytes: 0, maxMsgs: -1, maxBytes: -1, subjects: [], consumers: 0 };
    if (INVALID_NAME.test(params.stream)) {
      const summary = `“${params.stream}” can never be a stream name: it contains “.”, “*”, “>” or a space`;
      return { status: "crit", summary, data: empty, findings: [raise(streamNameInvalid, "crit", summary, { stream: params.stream, suggestion: params.stream.replace(/[.*>\s]+/g, "_") })] };
    }
    let info: StreamInfo;
    try {
      info = await jsm.streams.info(params.stream);
    } catch (error) {
      if ((error as Error).name !== "StreamNotFoundError" && !/stream not found/i.test((error as Error).message)) throw error;
      const subject = params.subjects?.[0];
      const capturedBy = subject ? await jsm.streams.find(subject).catch(() => undefined) : undefined;
      const summary = `stream ${params.stream} does not exist${subject ? capturedBy ? `; ${subject} is captured by ${capturedBy} instead` : `; no stream captures ${subject}` : ""}`;
      return {
        status: "crit",
        summary,
        data: { ...empty, ...(capturedBy ? { capturedBy } : {}) },
        findings: [raise(streamMissing, "crit", summary, { stream: params.stream, subjects: params.subjects ?? [], capturedBy })],
      };
    }
    const { config, state } = info;
    const data = { stream: params.stream, exists: true, messages: state.messages, bytes: state.bytes, maxMsgs: config.max_msgs, maxBytes: config.max_bytes, subjects: config.subjects ?? [], consumers: state.consumer_count };
    const findings: RaisedFinding[] = [];
    const parts = [`${state.messages.toLocaleString("en-US")} messages, ${formatBytes(state.bytes)}, ${state.consumer_count} consumers`];

    const drift: string[] = [];
    const missingSubjects = (params.subjects ?? []).filter((s) => !(config.subjects ?? []).includes(s));
    if (missingSubjects.length) drift.push(`subjects ${JSON.stringify(config.subjects)} lack ${missingSubjects.join(", ")}`);
    if (params.storage && config.storage !== params.storage) drift.push(`storage ${config.storage}, expected ${params.storage}`);
    if (params.retention && config.retention !== params.retention) drift.push(`retention ${config.retention}, expected ${params.retention}`);
    if (drift.length) findings.push(raise(streamDrift, "warn", `${params.stream}: ${drift.join("; ")}`, { stream: params.stream, drift }));

    if (params.deadLetter) {
      const grew = previous ? state.messages - previous.data.messages : 0;
      if (state.messages > 0) {
        const severity = grew > 0 ? "crit" : "warn";
        const words = `${state.messages.toLocaleString("en-US")} dead letters${grew > 0 ? `, ${grew} more since the last run` : ", not growing"}`;
        parts.push(words);
        findings.push(raise(dlqFilling, severity, `${params.stream}: ${words}`, { stream: params.stream, messages: state.messages, grewBy: grew }));
      }
    } else {
      const msgsWarn = monitorNumber(config.metadata, "msgs-warn");
      const msgsCrit = monitorNumber(config.metadata, "msgs-critical");
      const byCount = msgsWarn !== undefined || msgsCrit !== undefined ? above(state.messages, { warn: msgsWarn, crit: msgsCrit }) : undefined;
      const msgs = config.max_msgs > 0 ? above(state.messages / config.max_msgs, params, formatPercent) : undefined;
      const bytes = config.max_bytes > 0 ? above(state.bytes / config.max_bytes, params, formatPercent) : undefined;
      const severity = worstSeverity([byCount?.severity, msgs?.severity, bytes?.severity]);
      if (config.max_msgs > 0) parts.push(`${formatPercent(state.messages / config.max_msgs)} of max_msgs`);
      if (severity) {
        findings.push(
          raise(streamFull, severity, `${params.stream}: ${[byCount?.rule, msgs && `messages ${msgs.rule}`, bytes && `bytes ${bytes.rule}`].filter(Boolean).join(", ")}`, {
            stream: params.stream,
            messages: state.messages,
            maxMsgs: firstDefined(msgsCrit, config.max_msgs),
          }),
        );
      }
    }
    if (drift.length) parts.push(`differs: ${drift.join("; ")}`);
    return { status: worstSeverity(findings.map((f) => f.severity)) ?? "ok", summary: `${params.stream}: ${parts.join(", ")}`, data, findings };
  },
});
