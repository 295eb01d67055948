import { describe, expect, it } from "vitest";
import { consumerLimits } from "./consumer";
import { monitorNumber, monitorSeconds } from "./monitor-metadata";

describe("io.nats.monitor.* metadata", () => {
  const metadata = {
    "io.nats.monitor.unprocessed-critical": "500",
    "io.nats.monitor.last-ack-critical": "5m",
    "io.nats.monitor.outstanding-ack-critical": "900",
    "io.nats.monitor.redelivery-critical": "20",
    "io.nats.monitor.msgs-warn": "nope",
  };

  it("reads numbers and durations, ignoring what does not parse", () => {
    expect(monitorNumber(metadata, "unprocessed-critical")).toBe(500);
    expect(monitorNumber(metadata, "msgs-warn")).toBeUndefined();
    expect(monitorSeconds(metadata, "last-ack-critical")).toBe(300);
    expect(monitorSeconds({ "io.nats.monitor.last-ack-critical": "45" }, "last-ack-critical")).toBe(45);
  });

  it("the estate file wins, then the metadata, then the defaults", () => {
    expect(consumerLimits({}, metadata, 1000)).toEqual({ warnAt: 1_000, critAt: 500, stalledSeconds: 300, ackLimit: 900, redeliveryCrit: 20 });
    expect(consumerLimits({ crit: 50, stalledSeconds: 3 }, metadata, 1000)).toMatchObject({ critAt: 50, stalledSeconds: 3 });
    expect(consumerLimits({}, undefined, 1000)).toEqual({ warnAt: 1_000, critAt: 10_000, stalledSeconds: 300, ackLimit: 1000, redeliveryCrit: undefined });
    expect(consumerLimits({}, undefined, -1).ackLimit).toBeUndefined();
  });
});
