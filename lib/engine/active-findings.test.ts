import { describe, expect, it } from "vitest";
import type { Dependency } from "@/lib/config/estate";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { ActiveFindings } from "./active-findings";

const backlog = defineFinding({ id: "redis.queue-backlog", title: "Queue backlog", severities: ["warn", "crit"], cause: "", steps: [], commands: () => [] });
const dependency = { id: "s.jobs", serviceId: "s", probes: [{ key: "s.jobs/a" }] } as unknown as Dependency;

describe("ActiveFindings", () => {
  it("raises once, reports severity changes, keeps since, and clears when no probe raises it any more", () => {
    const active = new ActiveFindings();
    expect(active.update("s.jobs/a", dependency, [raise(backlog, "warn", "12,000 jobs", {})], "t1").map((c) => c.action)).toEqual(["raised"]);
    expect(active.update("s.jobs/a", dependency, [raise(backlog, "warn", "12,500 jobs", {})], "t2")).toEqual([]);
    expect(active.list()[0]).toMatchObject({ summary: "12,500 jobs", since: "t1" });
    expect(active.update("s.jobs/a", dependency, [raise(backlog, "crit", "55,000 jobs", {})], "t3").map((c) => [c.action, c.finding.severity])).toEqual([["changed", "crit"]]);
    expect(active.update("s.jobs/a", dependency, [], "t4").map((c) => c.action)).toEqual(["cleared"]);
    expect(active.list()).toEqual([]);
  });

  it("one finding per dependency, held while any of its probes raises it", () => {
    const active = new ActiveFindings();
    active.update("s.jobs/a", dependency, [raise(backlog, "warn", "from a", {})], "t1");
    active.update("s.jobs/b", dependency, [raise(backlog, "crit", "from b", {})], "t2");
    expect(active.list()).toHaveLength(1);
    expect(active.list()[0]).toMatchObject({ severity: "crit", summary: "from b" });
    expect(active.update("s.jobs/b", dependency, [], "t3").map((c) => [c.action, c.finding.severity])).toEqual([["changed", "warn"]]);
    expect(active.update("s.jobs/a", dependency, [], "t4").map((c) => c.action)).toEqual(["cleared"]);
  });

  it("a finding active before a restart keeps its since and is not announced again; one that ended meanwhile clears", () => {
    const active = new ActiveFindings();
    const twoProbes = { id: "s.jobs", serviceId: "s", probes: [{ key: "s.jobs/a" }, { key: "s.jobs/b" }] } as unknown as Dependency;
    const lag = defineFinding({ id: "redis.lag", title: "Lag", severities: ["warn"], cause: "", steps: [], commands: () => [] });
    active.restore([
      { key: "s.jobs/redis.queue-backlog", definition: backlog, dependencyId: "s.jobs", serviceId: "s", severity: "warn", since: "t0", summary: "12,000 jobs" },
      { key: "s.jobs/redis.lag", definition: lag, dependencyId: "s.jobs", serviceId: "s", severity: "warn", since: "t0", summary: "behind" },
    ]);
    // Seen again at the same severity: silent, with its first moment.
    expect(active.update("s.jobs/a", twoProbes, [raise(backlog, "warn", "12,400 jobs", {})], "t5")).toEqual([]);
    expect(active.list()[0]).toMatchObject({ key: "s.jobs/redis.queue-backlog", since: "t0", summary: "12,400 jobs" });
    // The last probe reports without the other one: it ended while Lantern was away.
    expect(active.update("s.jobs/b", twoProbes, [], "t6").map((c) => [c.action, c.finding.key, c.finding.since])).toEqual([["cleared", "s.jobs/redis.lag", "t0"]]);
    expect(active.list().map((f) => f.key)).toEqual(["s.jobs/redis.queue-backlog"]);
  });

  it("a restored finding seen again at another severity is a change, not a new finding", () => {
    const active = new ActiveFindings();
    active.restore([{ key: "s.jobs/redis.queue-backlog", definition: backlog, dependencyId: "s.jobs", serviceId: "s", severity: "warn", since: "t0", summary: "12,000 jobs" }]);
    expect(active.update("s.jobs/a", dependency, [raise(backlog, "crit", "55,000 jobs", {})], "t5").map((c) => [c.action, c.finding.since])).toEqual([["changed", "t0"]]);
  });
});

