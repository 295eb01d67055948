// What the estate declares a stream or a durable consumer to be, and the
// JetStream configuration Lantern creates from it when a fix puts one back.
import { AckPolicy, DeliverPolicy, RetentionPolicy, StorageType, type ConsumerConfig, type StreamConfig } from "@nats-io/jetstream";
import { nanos } from "@nats-io/transport-node";
import { z } from "zod";
import { formatDuration, parseDuration } from "@/lib/probe-kit/duration";

/** Characters JetStream refuses in a stream name: they belong to subjects. */
export const INVALID_STREAM_NAME = /[.*>\s]/;

/** A duration as the nats CLI writes it ("30s", "7d"): kept as written, so a fix's parameters read as the estate file does. */
const durationText = (what: string) =>
  z
    .string()
    .refine((text) => (parseDuration(text) ?? 0) > 0, { error: 'a duration such as "30s", "5m" or "7d"' })
    .optional()
    .describe(what);

const nanosOf = (text: string) => nanos(parseDuration(text)!);

const DAY_MS = 86_400_000;

/** A limit's duration as it is declared: whole days as days ("7d"), shorter ones as formatDuration says them. */
export function showDuration(ms: number): string {
  return ms >= DAY_MS && ms % DAY_MS === 0 ? `${ms / DAY_MS}d` : formatDuration(ms);
}

/** The stream as the services expect it: the drift judge compares it, and a missing stream is created from it. */
export const declaredStreamShape = {
  subjects: z.array(z.string().min(1)).optional().describe("Subjects the stream must capture"),
  storage: z.enum(["file", "memory"]).optional(),
  retention: z.enum(["limits", "interest", "workqueue"]).optional(),
  maxMsgs: z.number().int().positive().optional().describe("Its max_msgs: judged as drift, and set when Lantern creates the stream"),
  maxBytes: z.number().int().positive().optional().describe("Its max_bytes: judged as drift, and set when Lantern creates the stream"),
  maxAge: durationText('Its max_age ("7d"): judged as drift, and set when Lantern creates the stream'),
};

/** The declared settings alone, picked from a probe instance's parameters (the others are stripped). */
export const declaredStream = z.object(declaredStreamShape);
export type DeclaredStream = z.output<typeof declaredStream>;

/** The durable consumer as the service would create it; only what the estate sets overrides a consumer being recreated. */
export const declaredConsumerShape = {
  ackPolicy: z.enum(["explicit", "all", "none"]).optional().describe("Its ack policy, for when Lantern creates or recreates it (default explicit)"),
  deliverPolicy: z.enum(["all", "new", "last"]).optional().describe("Where a consumer Lantern creates starts (default all: everything the stream holds)"),
  filterSubject: z.string().min(1).optional().describe("Its filter subject, for when Lantern creates or recreates it"),
  maxDeliver: z.number().int().min(-1).optional().describe("Its max_deliver, for when Lantern creates or recreates it (default unlimited)"),
  ackWait: durationText('Its ack_wait ("30s"), for when Lantern creates or recreates it (default 30s)'),
  maxAckPending: z.number().int().min(-1).optional().describe("Its max_ack_pending, for when Lantern creates or recreates it (default the server's, 1,000)"),
};

/** The declared settings alone, picked from a probe instance's parameters (the others are stripped). */
export const declaredConsumer = z.object(declaredConsumerShape);
export type DeclaredConsumer = z.output<typeof declaredConsumer>;

/** The stream to create: its declared subjects and limits, file storage and limits retention unless declared otherwise (as `nats stream add --defaults`). */
export function streamConfig(name: string, declared: DeclaredStream): Partial<StreamConfig> & { name: string } {
  return {
    name,
    subjects: declared.subjects ?? [],
    storage: declared.storage ?? StorageType.File,
    retention: declared.retention ?? RetentionPolicy.Limits,
    ...(declared.maxMsgs ? { max_msgs: declared.maxMsgs } : {}),
    ...(declared.maxBytes ? { max_bytes: declared.maxBytes } : {}),
    ...(declared.maxAge ? { max_age: nanosOf(declared.maxAge) } : {}),
  };
}

/** The settings the estate declares, spelled as JetStream's consumer config spells them. */
export function declaredConsumerConfig(declared: DeclaredConsumer): Partial<ConsumerConfig> {
  return {
    ...(declared.ackPolicy ? { ack_policy: declared.ackPolicy } : {}),
    ...(declared.filterSubject ? { filter_subject: declared.filterSubject } : {}),
    ...(declared.maxDeliver !== undefined ? { max_deliver: declared.maxDeliver } : {}),
    ...(declared.ackWait ? { ack_wait: nanosOf(declared.ackWait) } : {}),
    ...(declared.maxAckPending !== undefined ? { max_ack_pending: declared.maxAckPending } : {}),
  };
}

/** A durable created where none is: acknowledged one by one and from the stream's start unless the estate says otherwise. */
export function newConsumerConfig(durable: string, declared: DeclaredConsumer): Partial<ConsumerConfig> & { durable_name: string } {
  return { durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: declared.deliverPolicy ?? DeliverPolicy.All, ...declaredConsumerConfig(declared) };
}

const unlimited = (value: number | undefined) => (value === undefined ? null : value < 0 ? "unlimited" : value);

/** A consumer's settings as columns of the targets table, named as `nats consumer info` names them. */
export function consumerConfigDetails(config: Partial<ConsumerConfig>): Record<string, string | number | null> {
  const start = config.deliver_policy === DeliverPolicy.StartSequence ? `from stream #${config.opt_start_seq}` : (config.deliver_policy ?? DeliverPolicy.All);
  return {
    "ack policy": config.ack_policy ?? AckPolicy.Explicit,
    "deliver policy": start,
    "filter subject": config.filter_subject || null,
    "max deliver": unlimited(config.max_deliver),
    "ack wait": config.ack_wait ? showDuration(config.ack_wait / 1e6) : null,
    "max ack pending": unlimited(config.max_ack_pending),
  };
}

/** A stream's settings as columns of the targets table. */
export function streamConfigDetails(config: Partial<StreamConfig>): Record<string, string | number | null> {
  return {
    subjects: (config.subjects ?? []).join(", "),
    storage: config.storage ?? null,
    retention: config.retention ?? null,
    "max messages": unlimited(config.max_msgs),
    "max bytes": unlimited(config.max_bytes),
    "max age": config.max_age ? showDuration(config.max_age / 1e6) : "unlimited",
  };
}
