import { jetstreamManager } from "@nats-io/jetstream";
import { z } from "zod";
import { above, amount, plain, ratio, type Show } from "@/lib/probe-kit/bounds";
import { defineFinding, raise, type RaisedFinding } from "@/lib/probe-kit/define-finding";
import { defineFix } from "@/lib/probe-kit/define-fix";
import { defineProbe, type ProbeContext } from "@/lib/probe-kit/define-probe";
import { parseDuration } from "@/lib/probe-kit/duration";
import { formatBytes, formatPercent } from "@/lib/probe-kit/format";
import { deadLetterTarget, MAX_REPLAYED, originalSubject, readDeadLetters, replayDeadLetters, replaySchema, type Replay } from "./dead-letters";
import { declaredStream, declaredStreamShape, INVALID_STREAM_NAME, showDuration, streamConfig, streamConfigDetails } from "./declared-config";
import { instanceName } from "./instance-names";
import { capturingStreams, streamInfoOf } from "./jetstream-lookup";
import { firstDefined, monitorEntries, monitorMetadataSchema, monitorNumber } from "./monitor-metadata";
import { judgeTogether, ruleOf, type LabelledVerdict } from "./verdicts";

const streamInfo = (target: { nats(...args: string[]): string }, params: Record<string, unknown>) => target.nats("stream", "info", instanceName(params, "stream"));

const streamName = z
  .string()
  .min(1)
  .refine((name) => !INVALID_STREAM_NAME.test(name), { error: "a stream name cannot contain “.”, “*”, “>” or whitespace" })
  .describe("The stream to create");

export const createStream = defineFix({
  id: "nats.create-stream",
  title: "Create the stream",
  kind: "nats",
  // A stream nobody needed costs some disk; nothing is lost by creating it.
  risk: "safe",
  params: z.strictObject({ stream: streamName, ...declaredStreamShape, subjects: z.array(z.string().min(1)).min(1).describe("Subjects it captures") }),
  paramsFrom: ({ evidence, probeParams }) => {
    const stream = String(evidence.stream ?? "");
    const subjects = probeParams.subjects as string[] | undefined;
    // Creating this stream cures neither a name JetStream refuses nor subjects another stream holds; without subjects it would capture the wrong ones.
    if (INVALID_STREAM_NAME.test(stream) || evidence.capturedBy || !subjects?.length) return undefined;
    return { ...declaredStream.parse(probeParams), stream, subjects };
  },
  async preview(nc, params) {
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    const config = streamConfig(params.stream, params);
    const [exists, capturedBy] = await Promise.all([streamInfoOf(jsm, params.stream).then(Boolean), capturingStreams(jsm, params.subjects)]);
    // Whether it is there, and who holds its subjects, is what the decision rests on; its message counts are not.
    const state = { stream: params.stream, exists, capturedBy, config };
    if (exists) return { summary: `stream ${params.stream} exists already: nothing to create`, targets: [], state };
    const taken = Object.entries(capturedBy).flatMap(([subject, by]) => (by ? [`${subject} is captured by ${by}`] : []));
    if (taken.length) return { summary: `${params.stream} cannot be created: ${taken.join(", ")}, and two streams cannot capture one subject`, targets: [], state };
    const details = streamConfigDetails(config);
    return {
      summary: `create stream ${params.stream} capturing ${details.subjects} (${config.storage} storage, ${config.retention} retention, max age ${details["max age"]})`,
      targets: [{ id: params.stream, label: `stream ${params.stream} · ${details.subjects} · ${config.storage}, ${config.retention}`, details: { stream: params.stream, ...details } }],
      state,
    };
  },
  async execute(nc, params, targets) {
    if (targets.length === 0) return { summary: "nothing created", touched: 0 };
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    // The service may have created it at start-up since the preview: theirs stays as it is.
    if (await streamInfoOf(jsm, params.stream)) return { summary: `stream ${params.stream} appeared meanwhile; nothing created`, touched: 0 };
    await jsm.streams.add(streamConfig(params.stream, params));
    return { summary: `created stream ${params.stream} capturing ${params.subjects.join(", ")}: publishes to it are stored again`, touched: 1 };
  },
  verify: ["nats.stream"],
  cooldownMs: 30_000,
  maxTargets: 1,
});

/** The declared limits as `nats stream add` flags, so the runbook's command creates what the fix would. */
function declaredLimitFlags(params: Record<string, unknown>): string[] {
  const flags: [string, unknown][] = [
    ["--max-msgs", params.maxMsgs],
    ["--max-bytes", params.maxBytes],
    ["--max-age", params.maxAge],
  ];
  return flags.flatMap(([flag, value]) => (value === undefined ? [] : [`${flag}=${value}`]));
}

export const streamMissing = defineFinding({
  id: "nats.stream-missing",
  title: "Stream missing",
  severities: ["crit"],
  cause:
    "The JetStream stream the services publish to and consume from does not exist: it was never created on this server, was deleted, or its creation failed — often because the name was refused (stream names cannot contain “.”, “*”, “>” or spaces). Publishes to its subjects get no acknowledgement; consumers cannot bind.",
  steps: [
    "Check whether another stream captures the subjects instead (nats stream find).",
    "Create the stream with its subjects, storage and retention as the service expects.",
    "If the service creates it at start-up, read its log: a refused name (dots in a stream name) is the usual reason.",
  ],
  commands: (target, _evidence, params) => [
    streamInfo(target, params),
    target.nats("stream", "ls"),
    target.nats(
      "stream",
      "add",
      instanceName(params, "stream"),
      "--subjects",
      Array.isArray(params.subjects) && params.subjects.length ? params.subjects.join(",") : "<subjects>",
      "--storage",
      typeof params.storage === "string" ? params.storage : "file",
      "--retention",
      typeof params.retention === "string" ? params.retention : "limits",
      ...declaredLimitFlags(params),
      "--defaults",
    ),
  ],
  explains: ["nats.consumer-missing", "http.component-failing", "nats.subject-silent"],
  fixes: [createStream],
  matches: ["stream not found", "nats: stream not found", "no stream matches subject", "10059"],
});

export const streamNameInvalid = defineFinding({
  id: "nats.stream-name-invalid",
  title: "Stream name JetStream will never accept",
  severities: ["crit"],
  cause:
    "The stream name contains “.”, “*”, “>” or whitespace. Those characters belong to subjects, not stream names: JetStream refuses to create such a stream. A topic called user_sync with the subject user.sync is stored in stream user_sync, not user.sync.",
  steps: ["Name the stream with letters, digits, “-” and “_” (user_sync) and keep the dots for its subjects (user.sync).", "Check where the service computes the name (a subject calculator) and make it use the internal topic name."],
  commands: (target) => [target.nats("stream", "ls")],
  matches: ["cannot contain '.'", "invalid stream name", "stream name is required and can not contain", "InvalidNameError"],
});

export const streamDrift = defineFinding({
  id: "nats.stream-drift",
  title: "Stream configured differently than expected",
  severities: ["warn"],
  cause: "The stream exists but its subjects, storage or retention differ from what the services were built for: a hand edit, or a service that created it with other defaults.",
  steps: ["Compare the difference shown with the service's stream definition.", "Update the stream (nats stream edit) — some settings, like storage, need a new stream and a migration."],
  commands: (target, _evidence, params) => [target.nats("stream", "info", instanceName(params, "stream"), "--json")],
});

export const streamFull = defineFinding({
  id: "nats.stream-full",
  title: "Stream close to its limits",
  severities: ["warn", "crit"],
  cause: "The stream holds nearly as many messages or bytes as its limits allow: with discard old, the oldest messages are dropped before consumers read them; with discard new, publishes fail.",
  steps: ["Check whether consumers keep up (their pending counts).", "Raise max_msgs or max_bytes, or shorten max_age, knowingly."],
  commands: (target, _evidence, params) => [streamInfo(target, params), target.nats("consumer", "report", instanceName(params, "stream"))],
});

export const reprocessDeadLetters = defineFix({
  id: "nats.reprocess-dlq",
  title: "Reprocess dead letters",
  kind: "nats",
  // The workers see each message again: harmless if the cause is fixed, another round of failures if not.
  risk: "caution",
  ask: "Is what made these messages fail fixed? If not, each one fails again and comes back here.",
  params: z.strictObject({
    stream: z.string().min(1).describe("The dead-letter stream"),
    replay: replaySchema,
    max: z.number().int().min(1).max(MAX_REPLAYED).default(100).describe("Dead letters republished in one run, oldest first"),
  }),
  paramsFrom: ({ evidence, probeParams }) => (probeParams.replay && typeof evidence.stream === "string" ? { stream: evidence.stream, replay: probeParams.replay as Replay } : undefined),
  async preview(nc, params) {
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    const info = await streamInfoOf(jsm, params.stream);
    if (!info) return { summary: `${params.stream} no longer exists: nothing to reprocess`, targets: [], state: { stream: params.stream, exists: false } };
    const { first_seq: firstSeq, last_seq: lastSeq, messages } = info.state;
    const letters = await readDeadLetters(jsm, params.stream, firstSeq, lastSeq, params.max);
    const targets = letters.flatMap((letter) => {
      const to = originalSubject(letter.subject, params.replay);
      return to ? [deadLetterTarget(letter, to)] : [];
    });
    const strays = letters.length - targets.length;
    const range = targets.length ? ` (#${targets[0]!.id}–#${targets.at(-1)!.id})` : "";
    return {
      summary:
        `republish ${targets.length} of the ${messages.toLocaleString("en-US")} dead letters of ${params.stream}${range} to ${params.replay.to}…, removing each once it is stored again` +
        (strays ? `; ${strays} not under ${params.replay.from} stay where they are` : ""),
      targets,
      // The dead letters as they are: one more arriving, or one processed by someone else, is a different decision.
      state: { stream: params.stream, firstSeq, lastSeq, messages },
    };
  },
  async execute(nc, params, targets, context) {
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    const { republished, gone } = await replayDeadLetters(nc, jsm, params.stream, targets, context);
    const skipped = gone ? `; ${gone} had gone from it meanwhile` : "";
    return { summary: `republished ${republished} dead letters of ${params.stream} to ${params.replay.to}… and removed them from it${skipped}`, touched: republished };
  },
  verify: ["nats.stream"],
  // A republished message that fails again is parked again within moments: wait for that before saying it worked.
  settleMs: 2_000,
  cooldownMs: 60_000,
  maxTargets: MAX_REPLAYED,
});

export const dlqFilling = defineFinding({
  id: "nats.dlq-filling",
  title: "Dead-letter queue filling",
  severities: ["warn", "crit"],
  cause: "Messages that failed every delivery attempt are being parked in the dead-letter stream: the handler rejects them (bad data, a schema the code does not know, a database constraint) or a downstream it needs keeps failing.",
  steps: [
    "Look at the newest dead letters (nats stream view) and the error they carry.",
    "Fix the cause, then replay the dead letters (for Birb Nest: process-dlq --retry).",
    "If it grows while you look, the cause is still active: check the consumer that feeds it for redeliveries.",
  ],
  commands: (target, _evidence, params) => [target.nats("stream", "view", instanceName(params, "stream")), streamInfo(target, params)],
  fixes: [reprocessDeadLetters],
  matches: ["DLQ filling up", "max deliveries reached", "MAX_DELIVERIES"],
});

const streamData = z.object({
  stream: z.string(),
  exists: z.boolean(),
  messages: z.number(),
  bytes: z.number(),
  maxMsgs: z.number(),
  maxBytes: z.number(),
  /** max_age in milliseconds; 0 when messages do not age out. */
  maxAgeMs: z.number().default(0),
  subjects: z.array(z.string()),
  consumers: z.number(),
  storage: z.string().optional(),
  retention: z.string().optional(),
  monitorMetadata: monitorMetadataSchema,
  capturedBy: z.string().optional(),
});

type StreamData = z.output<typeof streamData>;

const streamParams = z.strictObject({
  stream: z.string().min(1).describe("The stream's name"),
  ...declaredStreamShape,
  warn: ratio(0.8, "Share of max_msgs or max_bytes that warns"),
  crit: ratio(0.95, "Share of max_msgs or max_bytes that is critical"),
  deadLetter: z.boolean().default(false).describe("A dead-letter stream: judged by deadLetterWarn and deadLetterGrowthCrit instead of its fill"),
  deadLetterWarn: amount(1, "Dead letters held that warn (deadLetter streams)"),
  deadLetterGrowthCrit: amount(1, "Dead letters added since the last run that are critical (deadLetter streams)"),
  replay: replaySchema.optional(),
});

type StreamParams = z.output<typeof streamParams>;

/** The message counts set in io.nats.monitor.* metadata, judged beside the share of max_msgs. */
function countLimits({ monitorMetadata }: StreamData) {
  return { warn: monitorNumber(monitorMetadata, "msgs-warn"), crit: monitorNumber(monitorMetadata, "msgs-critical") };
}

/** What a stream's content says: words for the summary, and the finding they raise, if any. */
interface Fill {
  words?: string;
  finding?: RaisedFinding;
}

/** Each limit the stream's fill is judged against, labelled as the summary says it. */
function fillVerdicts(data: StreamData, params: StreamParams): LabelledVerdict[] {
  const counts = countLimits(data);
  const verdicts: LabelledVerdict[] = [];
  if (counts.warn !== undefined || counts.crit !== undefined) verdicts.push({ verdict: above(data.messages, counts, plain) });
  if (data.maxMsgs > 0) verdicts.push({ label: "messages", verdict: above(data.messages / data.maxMsgs, params, formatPercent) });
  if (data.maxBytes > 0) verdicts.push({ label: "bytes", verdict: above(data.bytes / data.maxBytes, params, formatPercent) });
  return verdicts;
}

function judgeDrift(data: StreamData, params: StreamParams): string[] {
  const drift: string[] = [];
  const missingSubjects = (params.subjects ?? []).filter((s) => !data.subjects.includes(s));
  if (missingSubjects.length) drift.push(`subjects ${JSON.stringify(data.subjects)} lack ${missingSubjects.join(", ")}`);
  if (params.storage && data.storage !== params.storage) drift.push(`storage ${data.storage}, expected ${params.storage}`);
  if (params.retention && data.retention !== params.retention) drift.push(`retention ${data.retention}, expected ${params.retention}`);
  const limits: [string, number | undefined, number, Show][] = [
    ["max_msgs", params.maxMsgs, data.maxMsgs, plain],
    ["max_bytes", params.maxBytes, data.maxBytes, formatBytes],
    ["max_age", params.maxAge === undefined ? undefined : parseDuration(params.maxAge), data.maxAgeMs, showDuration],
  ];
  for (const [limit, expected, actual, show] of limits) {
    if (expected !== undefined && actual !== expected) drift.push(`${limit} ${actual > 0 ? show(actual) : "unlimited"}, expected ${show(expected)}`);
  }
  return drift;
}

function judgeDeadLetters(data: StreamData, params: StreamParams, previous: ProbeContext<StreamData>["previous"]): Fill {
  if (data.messages === 0) return {};
  const grewBy = previous ? data.messages - previous.data.messages : 0;
  const words = `${data.messages.toLocaleString("en-US")} dead letters${grewBy > 0 ? `, ${grewBy.toLocaleString("en-US")} more since the last run` : ", not growing"}`;
  const { severity, rule } = judgeTogether([
    { label: "held", verdict: above(data.messages, { warn: params.deadLetterWarn }, plain) },
    { label: "grew by", verdict: above(grewBy, { crit: params.deadLetterGrowthCrit }, plain) },
  ]);
  if (!severity) return { words };
  return { words, finding: raise(dlqFilling, severity, `${data.stream}: ${words}`, { stream: data.stream, messages: data.messages, grewBy, rule }) };
}

function judgeFill(data: StreamData, params: StreamParams): Fill {
  const verdicts = fillVerdicts(data, params);
  const words = data.maxMsgs > 0 ? `${formatPercent(data.messages / data.maxMsgs)} of max_msgs` : undefined;
  const { severity, rule } = judgeTogether(verdicts);
  if (!severity) return { words };
  const summary = `${data.stream}: ${verdicts.map(ruleOf).join(", ")}`;
  return { words, finding: raise(streamFull, severity, summary, { stream: data.stream, messages: data.messages, maxMsgs: firstDefined(countLimits(data).crit, data.maxMsgs), rule }) };
}

/** The lowest mark at which the judge speaks, so the panel's colours agree with the status. */
function lowest(...marks: (number | undefined)[]): number | undefined {
  const set = marks.filter((mark): mark is number => mark !== undefined);
  return set.length ? Math.min(...set) : undefined;
}

export const natsStream = defineProbe({
  id: "nats.stream",
  title: "Stream",
  reads: "existence, subjects, storage, retention, fill against `max_msgs`/`max_bytes`; names with `.`/`*`/`>` explained; dead-letter streams",
  kind: "nats",
  params: streamParams,
  data: streamData,
  findings: [streamMissing, streamNameInvalid, streamDrift, streamFull, dlqFilling],
  series: (data) => data.messages,
  command: (target, params) => target.nats("stream", "info", params.stream),
  async read(nc, params) {
    const absent = { stream: params.stream, exists: false, messages: 0, bytes: 0, maxMsgs: -1, maxBytes: -1, maxAgeMs: 0, subjects: [], consumers: 0, monitorMetadata: {} };
    // JetStream refuses such a name before looking: there is nothing to ask, and the judge explains why.
    if (INVALID_STREAM_NAME.test(params.stream)) return absent;
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    const info = await streamInfoOf(jsm, params.stream);
    if (!info) {
      const subject = params.subjects?.[0];
      const capturedBy = subject ? await jsm.streams.find(subject).catch(() => undefined) : undefined;
      return capturedBy ? { ...absent, capturedBy } : absent;
    }
    const { config, state } = info;
    return {
      stream: params.stream,
      exists: true,
      messages: state.messages,
      bytes: state.bytes,
      maxMsgs: config.max_msgs,
      maxBytes: config.max_bytes,
      maxAgeMs: config.max_age / 1e6,
      subjects: config.subjects ?? [],
      consumers: state.consumer_count,
      storage: config.storage,
      retention: config.retention,
      monitorMetadata: monitorEntries(config.metadata),
    };
  },
  judge(data, params, { previous }) {
    if (INVALID_STREAM_NAME.test(data.stream)) {
      const summary = `“${data.stream}” can never be a stream name: it contains “.”, “*”, “>” or a space`;
      return { summary, findings: [raise(streamNameInvalid, "crit", summary, { stream: data.stream, suggestion: data.stream.replace(/[.*>\s]+/g, "_") })] };
    }
    if (!data.exists) {
      const subject = params.subjects?.[0];
      const where = subject ? (data.capturedBy ? `; ${subject} is captured by ${data.capturedBy} instead` : `; no stream captures ${subject}`) : "";
      const summary = `stream ${data.stream} does not exist${where}`;
      return { summary, findings: [raise(streamMissing, "crit", summary, { stream: data.stream, subjects: params.subjects ?? [], capturedBy: data.capturedBy })] };
    }
    const findings: RaisedFinding[] = [];
    const parts = [`${data.messages.toLocaleString("en-US")} messages, ${formatBytes(data.bytes)}, ${data.consumers} consumers`];
    const drift = judgeDrift(data, params);
    if (drift.length) findings.push(raise(streamDrift, "warn", `${data.stream}: ${drift.join("; ")}`, { stream: data.stream, drift }));
    const fill = params.deadLetter ? judgeDeadLetters(data, params, previous) : judgeFill(data, params);
    if (fill.words) parts.push(fill.words);
    if (fill.finding) findings.push(fill.finding);
    if (drift.length) parts.push(`differs: ${drift.join("; ")}`);
    return { summary: `${data.stream}: ${parts.join(", ")}`, findings };
  },
  view(data, params) {
    if (!data.exists) return {};
    if (params.deadLetter) {
      return { queue: { name: data.stream, kind: "JetStream stream", depth: data.messages, warnAt: params.deadLetterWarn, details: ["dead-letter stream"] } };
    }
    const counts = countLimits(data);
    const share = (limit: number) => (data.maxMsgs > 0 ? data.maxMsgs * limit : undefined);
    const warnAt = lowest(counts.warn, share(params.warn));
    const critAt = lowest(counts.crit, share(params.crit));
    return {
      queue: {
        name: data.stream,
        kind: "JetStream stream",
        depth: data.messages,
        ...(warnAt !== undefined ? { warnAt } : {}),
        ...(critAt !== undefined ? { critAt } : {}),
        details: data.maxMsgs > 0 ? [] : ["no max_msgs limit"],
      },
    };
  },
});
