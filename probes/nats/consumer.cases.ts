import { JUDGING_NOW, judgingCases } from "@/lib/probe-kit/judging-cases";
import { absent, natsConsumer } from "./consumer";

const ago = (seconds: number) => new Date(JUDGING_NOW - seconds * 1000).toISOString();

/** birb-worker on BIRB_CACHE: max_ack_pending 1,000, max_waiting 512, last active seconds ago. */
const worker = (extra: Record<string, unknown> = {}) => ({
  name: "BIRB_CACHE > birb-worker",
  exists: true,
  streamExists: true,
  pending: 0,
  ackPending: 0,
  maxAckPending: 1_000,
  redelivered: 0,
  redeliveredSinceLastRun: 0,
  waiting: 1,
  maxWaiting: 512,
  deliveredSeq: 48_120,
  streamSeq: 48_100,
  lastActive: ago(2),
  lastDelivery: ago(2),
  lastAck: ago(2),
  waitingSince: null,
  ratePerSecond: 0,
  forecast: "steady",
  warnAt: 1_000,
  critAt: 10_000,
  ...extra,
});
const params = { stream: "BIRB_CACHE", consumer: "birb-worker" };

const gone = (streamExists: boolean) => absent("BIRB_CACHE > birb-worker", streamExists);

export default judgingCases(natsConsumer, {
  healthy: [
    { what: "nothing pending, last active 2 s ago", data: worker(), params },
    { what: "idle for an hour with nothing to do", data: worker({ lastActive: ago(3_600), lastDelivery: ago(3_600), lastAck: ago(3_600) }), params },
    { what: "just under 1,000 pending, draining", data: worker({ pending: 999, ratePerSecond: -50, forecast: "draining 50/s, empty in ~20 s" }), params },
    { what: "just under 80 % of max_ack_pending unacknowledged", data: worker({ pending: 200, ackPending: 799 }), params },
    { what: "old redeliveries linger, none since the last run", data: worker({ redelivered: 3 }), params },
    {
      what: "a message published after an idle hour, waiting since the last reading: not stalled",
      data: worker({ pending: 1, lastActive: ago(3_600), lastDelivery: ago(3_600), lastAck: ago(3_600), waitingSince: ago(2) }),
      params,
    },
    { what: "work waiting, last ack just under the stall threshold", data: worker({ pending: 40, lastActive: ago(299), lastDelivery: ago(299), lastAck: ago(299) }), params },
    { what: "just under 80 % of max_waiting pull requests", data: worker({ waiting: 409 }), params },
  ],
  raises: [
    { what: "the durable was deleted", finding: "nats.consumer-missing", severity: "crit", data: gone(true), params },
    { what: "its stream is gone too", finding: "nats.consumer-missing", severity: "crit", data: gone(false), params },
    { what: "at 1,000 pending", finding: "nats.consumer-backlog", severity: "warn", data: worker({ pending: 1_000, ratePerSecond: 12, forecast: "growing 12/s, critical in ~12 min" }), params },
    { what: "at 10,000 pending", finding: "nats.consumer-backlog", severity: "crit", data: worker({ pending: 10_000, ratePerSecond: 306, forecast: "growing 306/s, past critical" }), params },
    { what: "past the estate's own crit", finding: "nats.consumer-backlog", severity: "crit", data: worker({ pending: 6 }), params: { ...params, warn: 2, crit: 3 } },
    {
      what: "at io.nats.monitor.unprocessed-critical",
      finding: "nats.consumer-backlog",
      severity: "crit",
      data: worker({ pending: 500, monitorMetadata: { "io.nats.monitor.unprocessed-critical": "500" } }),
      params: { ...params, warn: 100 },
    },
    { what: "at 80 % of max_ack_pending", finding: "nats.consumer-ack-pending", severity: "warn", data: worker({ pending: 300, ackPending: 800 }), params },
    { what: "at max_ack_pending: delivery stopped", finding: "nats.consumer-ack-pending", severity: "crit", data: worker({ pending: 5_000, ackPending: 1_000 }), params },
    {
      what: "at io.nats.monitor.outstanding-ack-critical, below max_ack_pending",
      finding: "nats.consumer-ack-pending",
      severity: "crit",
      data: worker({ pending: 50, ackPending: 900, monitorMetadata: { "io.nats.monitor.outstanding-ack-critical": "900" } }),
      params,
    },
    { what: "ratios set in the estate", finding: "nats.consumer-ack-pending", severity: "crit", data: worker({ ackPending: 900 }), params: { ...params, ackPendingWarn: 0.5, ackPendingCrit: 0.9 } },
    { what: "redeliveries since the last run", finding: "nats.consumer-redelivering", severity: "warn", data: worker({ pending: 3, ackPending: 3, redelivered: 3, redeliveredSinceLastRun: 4 }), params },
    {
      what: "at io.nats.monitor.redelivery-critical",
      finding: "nats.consumer-redelivering",
      severity: "crit",
      data: worker({ ackPending: 20, redelivered: 20, monitorMetadata: { "io.nats.monitor.redelivery-critical": "20" } }),
      params,
    },
    { what: "at the estate's redelivered crit", finding: "nats.consumer-redelivering", severity: "crit", data: worker({ ackPending: 25, redelivered: 25, redeliveredSinceLastRun: 6 }), params: { ...params, redeliveredCrit: 25 } },
    { what: "work waiting, nothing acknowledged for 5 min", finding: "nats.consumer-stalled", severity: "crit", data: worker({ pending: 40, lastActive: ago(300), lastDelivery: ago(300), lastAck: ago(300) }), params },
    {
      what: "work waiting since a reading 5 min ago, after an idle hour, nothing acknowledged",
      finding: "nats.consumer-stalled",
      severity: "crit",
      data: worker({ pending: 3, lastActive: ago(3_600), lastDelivery: ago(3_600), lastAck: ago(3_600), waitingSince: ago(300) }),
      params,
    },
    {
      what: "delivered but never acknowledged past io.nats.monitor.last-ack-critical",
      finding: "nats.consumer-stalled",
      severity: "crit",
      data: worker({ pending: 12, ackPending: 8, lastActive: ago(1), lastDelivery: ago(1), lastAck: ago(30), monitorMetadata: { "io.nats.monitor.last-ack-critical": "30s" } }),
      params,
    },
    { what: "at 80 % of max_waiting pull requests", finding: "nats.consumer-max-waiting", severity: "warn", data: worker({ waiting: 400, maxWaiting: 500 }), params },
  ],
});
