import { describe, expect, it } from "vitest";
import type { Dependency, ProbeInstance } from "@/lib/config/estate";
import { ManualRuns } from "./manual-runs";
import type { ProbeResult } from "./probe-result";
import type { ProbeRunner } from "./probe-runner";

function fakeRunner() {
  const runs: string[] = [];
  const runner = {
    run: async (instance: ProbeInstance) => {
      runs.push(instance.key);
      return { key: instance.key } as ProbeResult;
    },
  } as unknown as ProbeRunner;
  return { runner, runs };
}

const dependency = (id: string) => ({ id, probes: [{ key: `${id}/a` }, { key: `${id}/b` }] }) as unknown as Dependency;

describe("ManualRuns", () => {
  it("a burst of requests for one dependency is one run of each of its probes", async () => {
    const { runner, runs } = fakeRunner();
    let now = 0;
    const manual = new ManualRuns(runner, { coalesceMs: 2000, perMinute: 60, perClientPerMinute: 60 }, () => now);
    const answers = Array.from({ length: 100 }, () => manual.request(dependency("x"), "10.0.0.1"));
    expect(answers.map((a) => a.outcome)).toEqual(["started", ...Array(99).fill("joined")]);
    expect(runs).toEqual(["x/a", "x/b"]);
    now = 2000;
    expect(manual.request(dependency("x"), "10.0.0.1").outcome).toBe("started");
    expect(runs).toHaveLength(4);
  });

  it("limits new runs across the estate per minute and says when to retry", () => {
    const { runner } = fakeRunner();
    let now = 0;
    const manual = new ManualRuns(runner, { coalesceMs: 2000, perMinute: 2, perClientPerMinute: 2 }, () => now);
    expect(manual.request(dependency("a"), "10.0.0.1").outcome).toBe("started");
    now = 10_000;
    expect(manual.request(dependency("b"), "10.0.0.2").outcome).toBe("started");
    expect(manual.request(dependency("c"), "10.0.0.3")).toEqual({ outcome: "limited", retryAfterSeconds: 50 });
    now = 60_000;
    expect(manual.request(dependency("c"), "10.0.0.3").outcome).toBe("started");
  });

  it("one client cannot spend the estate's budget: its own limit holds while others still get runs", () => {
    const { runner } = fakeRunner();
    let now = 0;
    const manual = new ManualRuns(runner, { coalesceMs: 2000, perMinute: 60, perClientPerMinute: 3 }, () => now);
    const greedy = Array.from({ length: 10 }, (_, i) => manual.request(dependency(`d${i}`), "10.0.0.9").outcome);
    expect(greedy).toEqual(["started", "started", "started", ...Array(7).fill("limited")]);
    now = 1_000;
    expect(manual.request(dependency("other"), "10.0.0.10").outcome).toBe("started");
    // Joining a run in flight costs nothing, whoever asks.
    expect(manual.request(dependency("d0"), "10.0.0.9").outcome).toBe("joined");
  });
});
