import { judgingCases } from "@/lib/probe-kit/judging-cases";
import { natsStream } from "./stream";

const MiB = 1024 ** 2;

/** BIRB_CACHE as the seed creates it: cache.persist.*, file storage, limits retention, max_msgs 1,000,000. */
const birbCache = (messages: number, extra: Record<string, unknown> = {}) => ({
  stream: "BIRB_CACHE",
  exists: true,
  messages,
  bytes: messages * 512,
  maxMsgs: 1_000_000,
  maxBytes: -1,
  subjects: ["cache.persist.*"],
  consumers: 1,
  storage: "file",
  retention: "limits",
  ...extra,
});
const birbParams = { stream: "BIRB_CACHE", subjects: ["cache.persist.*"], storage: "file" as const };

/** BIRB_CACHE_DLQ: no max_msgs, seven days of dead letters. */
const deadLetters = (messages: number) => ({
  stream: "BIRB_CACHE_DLQ",
  exists: true,
  messages,
  bytes: messages * 700,
  maxMsgs: -1,
  maxBytes: -1,
  subjects: ["cache.dlq.*"],
  consumers: 0,
  storage: "file",
  retention: "limits",
});
const dlqParams = { stream: "BIRB_CACHE_DLQ", subjects: ["cache.dlq.*"], deadLetter: true };

const missing = { stream: "BIRB_CACHE", exists: false, messages: 0, bytes: 0, maxMsgs: -1, maxBytes: -1, subjects: [], consumers: 0 };

export default judgingCases(natsStream, {
  healthy: [
    { what: "120,000 of 1,000,000 messages", data: birbCache(120_000), params: birbParams },
    { what: "just under 80 % of max_msgs", data: birbCache(799_999), params: birbParams },
    { what: "no max_msgs limit", data: birbCache(2_500_000, { maxMsgs: -1 }), params: birbParams },
    { what: "just under a count kept in io.nats.monitor.msgs-warn", data: birbCache(9_999, { maxMsgs: -1, monitorMetadata: { "io.nats.monitor.msgs-warn": "10000" } }), params: birbParams },
    { what: "the declared limits, as the seed creates it", data: birbCache(120_000, { maxAgeMs: 7 * 86_400_000 }), params: { ...birbParams, maxMsgs: 1_000_000, maxAge: "7d" } },
    { what: "an empty dead-letter stream", data: deadLetters(0), params: dlqParams },
    { what: "dead letters under the estate's own count, not growing", data: deadLetters(3), previous: deadLetters(3), params: { ...dlqParams, deadLetterWarn: 10 } },
  ],
  raises: [
    { what: "a stream nobody created", finding: "nats.stream-missing", severity: "crit", data: missing, params: birbParams },
    {
      what: "a stream missing while another captures its subjects",
      finding: "nats.stream-missing",
      severity: "crit",
      data: { ...missing, capturedBy: "CACHE_ALL" },
      params: birbParams,
    },
    { what: "a topic name with a dot used as a stream name", finding: "nats.stream-name-invalid", severity: "crit", data: { ...missing, stream: "user.sync" }, params: { stream: "user.sync" } },
    { what: "memory storage where file is expected", finding: "nats.stream-drift", severity: "warn", data: birbCache(1_200, { storage: "memory" }), params: birbParams },
    { what: "a subject the stream no longer captures", finding: "nats.stream-drift", severity: "warn", data: birbCache(1_200, { subjects: ["cache.persist.user"] }), params: birbParams },
    { what: "messages kept an hour where seven days are declared", finding: "nats.stream-drift", severity: "warn", data: birbCache(1_200, { maxAgeMs: 3_600_000 }), params: { ...birbParams, maxAge: "7d" } },
    { what: "no max_msgs where one is declared", finding: "nats.stream-drift", severity: "warn", data: birbCache(1_200, { maxMsgs: -1 }), params: { ...birbParams, maxMsgs: 1_000_000 } },
    { what: "at 80 % of max_msgs", finding: "nats.stream-full", severity: "warn", data: birbCache(800_000), params: birbParams },
    { what: "at 95 % of max_msgs", finding: "nats.stream-full", severity: "crit", data: birbCache(950_000), params: birbParams },
    { what: "max_bytes nearly reached", finding: "nats.stream-full", severity: "crit", data: birbCache(1_000, { bytes: 1000 * MiB, maxBytes: 1024 * MiB }), params: birbParams },
    { what: "thresholds set in the estate", finding: "nats.stream-full", severity: "warn", data: birbCache(500_000), params: { ...birbParams, warn: 0.5, crit: 0.9 } },
    { what: "at io.nats.monitor.msgs-warn", finding: "nats.stream-full", severity: "warn", data: birbCache(10_000, { maxMsgs: -1, monitorMetadata: { "io.nats.monitor.msgs-warn": "10000" } }), params: birbParams },
    {
      what: "at io.nats.monitor.msgs-critical, below the share of max_msgs",
      finding: "nats.stream-full",
      severity: "crit",
      data: birbCache(50_000, { monitorMetadata: { "io.nats.monitor.msgs-warn": "10000", "io.nats.monitor.msgs-critical": "50000" } }),
      params: birbParams,
    },
    { what: "dead letters held, not growing", finding: "nats.dlq-filling", severity: "warn", data: deadLetters(12), previous: deadLetters(12), params: dlqParams },
    { what: "dead letters growing since the last run", finding: "nats.dlq-filling", severity: "crit", data: deadLetters(15), previous: deadLetters(12), params: dlqParams },
    { what: "growth at the estate's own count", finding: "nats.dlq-filling", severity: "crit", data: deadLetters(40), previous: deadLetters(30), params: { ...dlqParams, deadLetterGrowthCrit: 10 } },
  ],
});
