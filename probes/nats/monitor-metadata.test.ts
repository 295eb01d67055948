import { describe, expect, it } from "vitest";
import { consumerLimits, natsConsumer } from "./consumer";
import { monitorEntries, monitorNumber, monitorSeconds } from "./monitor-metadata";

describe("io.nats.monitor.* metadata", () => {
  const metadata = {
    "io.nats.monitor.unprocessed-critical": "500",
    "io.nats.monitor.last-ack-critical": "5m",
    "io.nats.monitor.outstanding-ack-critical": "900",
    "io.nats.monitor.redelivery-critical": "20",
    "io.nats.monitor.msgs-warn": "nope",
  };
  // What an estate entry that names only the consumer gets.
  const defaults = natsConsumer.params.parse({ stream: "BIRB_CACHE", consumer: "birb-worker" });

  it("reads numbers and durations, ignoring what does not parse", () => {
    expect(monitorNumber(metadata, "unprocessed-critical")).toBe(500);
    expect(monitorNumber(metadata, "msgs-warn")).toBeUndefined();
    expect(monitorSeconds(metadata, "last-ack-critical")).toBe(300);
    expect(monitorSeconds({ "io.nats.monitor.last-ack-critical": "45" }, "last-ack-critical")).toBe(45);
  });

  it("keeps only the monitoring entries of a stream's or consumer's metadata", () => {
    expect(monitorEntries({ ...metadata, owner: "team-birb", "io.nats.monitor.msgs-critical": "9" })).toEqual({ ...metadata, "io.nats.monitor.msgs-critical": "9" });
    expect(monitorEntries(undefined)).toEqual({});
  });

  it("the estate file wins, then the metadata, then the defaults", () => {
    expect(consumerLimits(defaults, metadata, 1000)).toEqual({ warnAt: 1_000, critAt: 500, stalledSeconds: 300, ackLimit: 900, redeliveryCrit: 20 });
    expect(consumerLimits({ ...defaults, crit: 50, stalledSeconds: 3, redeliveredCrit: 5 }, metadata, 1000)).toMatchObject({ critAt: 50, stalledSeconds: 3, redeliveryCrit: 5 });
    expect(consumerLimits(defaults, undefined, 1000)).toEqual({ warnAt: 1_000, critAt: 10_000, stalledSeconds: 300, ackLimit: 1000, redeliveryCrit: undefined });
    expect(consumerLimits(defaults, undefined, -1).ackLimit).toBeUndefined();
  });
});
