import { describe, expect, it } from "vitest";
import type { Dependency } from "@/lib/config/estate";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { ActiveFindings } from "./active-findings";

const backlog = defineFinding({ id: "redis.queue-backlog", title: "Queue backlog", severities: ["warn", "crit"], cause: "", steps: [], commands: () => [] });
const dependency = { id: "s.jobs", serviceId: "s" } as Dependency;

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
});
