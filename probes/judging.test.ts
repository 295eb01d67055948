/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { judgeReading, type JudgingCases } from "@/lib/probe-kit/judging-cases";
import { PROBES, UNREACHABLE } from "./catalog";

// Every probe's fixture readings, from the <probe>.cases.ts files beside the probes.
const modules = import.meta.glob<{ default: JudgingCases }>("./*/*.cases.ts", { eager: true });
const all = Object.entries(modules).map(([file, module]) => ({ file, ...module.default }));

for (const { file, probe, healthy, raises } of all) {
  describe(`${probe.id} judges (${file})`, () => {
    it.each(healthy.map((reading) => [reading.what, reading] as const))("healthy: %s → no finding", (_what, reading) => {
      const judged = judgeReading(probe, reading);
      expect(judged.findings.map((f) => `${f.definition.id} ${f.severity}: ${f.summary}`)).toEqual([]);
      expect(judged.summary.length).toBeGreaterThan(0);
    });
    it.each(raises.map((reading) => [reading.finding, reading.severity, reading.what, reading] as const))("raises %s at %s: %s", (finding, severity, _what, reading) => {
      const judged = judgeReading(probe, reading);
      const raised = judged.findings.filter((f) => f.definition.id === finding);
      expect(raised.map((f) => f.severity)).toContain(severity);
      // The finding says what it saw in words, and the probe's summary speaks too.
      expect(raised.every((f) => f.summary.length > 0)).toBe(true);
      expect(judged.summary.length).toBeGreaterThan(0);
    });
  });
}

describe("the catalog checks its judging", () => {
  // The engine raises these itself when a probe cannot reach its dependency: lib/engine/run-probe.test.ts.
  const raisedByEngine = new Set(Object.values(UNREACHABLE).map((f) => f.id));

  it("every finding a probe can raise has a judging case at each severity it can take", () => {
    const covered = new Set(all.flatMap(({ probe, raises }) => raises.map((r) => `${probe.id} ${r.finding} ${r.severity}`)));
    const missing = PROBES.flatMap((probe) =>
      probe.findings.filter((f) => !raisedByEngine.has(f.id)).flatMap((finding) => finding.severities.map((severity) => `${probe.id} ${finding.id} ${severity}`)),
    ).filter((need) => !covered.has(need));
    expect(missing).toEqual([]);
    const findings = new Set(PROBES.flatMap((probe) => probe.findings.map((f) => f.id)));
    console.log(`judging cases: ${covered.size} (probe, finding, severity) raised, ${findings.size} findings, ${all.reduce((n, c) => n + c.healthy.length, 0)} healthy readings`);
  });

  it("a case raises only findings its probe lists, at severities they declare", () => {
    const wrong = all.flatMap(({ probe, raises }) =>
      raises.filter((r) => !probe.findings.some((f) => f.id === r.finding && f.severities.includes(r.severity))).map((r) => `${probe.id}: ${r.finding} ${r.severity}`),
    );
    expect(wrong).toEqual([]);
  });

  it("every probe has a healthy reading", () => {
    const withHealthy = new Set(all.filter((c) => c.healthy.length > 0).map((c) => c.probe.id));
    expect(PROBES.map((p) => p.id).filter((id) => !withHealthy.has(id))).toEqual([]);
  });
});
