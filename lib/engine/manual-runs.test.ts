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
    const manual = new ManualRuns(runner, { coalesceMs: 2000, perMinute: 60 }, () => now);
    const answers = Array.from({ length: 100 }, () => manual.request(dependency("x")));
    expect(answers.map((a) => a.outcome)).toEqual(["started", ...Array(99).fill("joined")]);
    expect(runs).toEqual(["x/a", "x/b"]);
    now = 2000;
    expect(manual.request(dependency("x")).outcome).toBe("started");
    expect(runs).toHaveLength(4);
  });

  it("limits new runs across the estate per minute and says when to retry", () => {
    const { runner } = fakeRunner();
    let now = 0;
    const manual = new ManualRuns(runner, { coalesceMs: 2000, perMinute: 2 }, () => now);
    expect(manual.request(dependency("a")).outcome).toBe("started");
    now = 10_000;
    expect(manual.request(dependency("b")).outcome).toBe("started");
    expect(manual.request(dependency("c"))).toEqual({ outcome: "limited", retryAfterSeconds: 50 });
    now = 60_000;
    expect(manual.request(dependency("c")).outcome).toBe("started");
  });
});
