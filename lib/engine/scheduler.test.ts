import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseEstate } from "@/lib/config/load-estate";
import type { ProbeInstance } from "@/lib/config/estate";
import type { ProbeRunner } from "./probe-runner";
import { Scheduler } from "./scheduler";

/** An estate of `services` services with one Redis each (its default probes), every 30 s. */
function estateOf(services: number) {
  const lines = Array.from({ length: services }, (_, i) => `  - { id: s${i}, dependencies: [{ id: cache, kind: redis, url: "redis://127.0.0.1:6379/0" }] }`);
  return parseEstate(`defaults: { interval: 30s, timeout: 3s }\nservices:\n${lines.join("\n")}\n`, "scale.yaml", {});
}

/** When each instance first ran, in ms after start. */
function firstRuns(services: number): number[] {
  const estate = estateOf(services);
  const first = new Map<string, number>();
  const start = Date.now();
  const runner = { run: (instance: ProbeInstance) => (first.has(instance.key) || first.set(instance.key, Date.now() - start), Promise.resolve()) } as unknown as ProbeRunner;
  let i = 0;
  const probes = [...estate.dependencies.values()].reduce((sum, d) => sum + d.probes.length, 0);
  // Evenly spread draws: the spread itself is what is measured.
  const scheduler = new Scheduler(estate, runner, () => (i++ % probes) / probes);
  scheduler.start();
  vi.advanceTimersByTime(30_000);
  scheduler.stop();
  return [...first.values()];
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("first runs", () => {
  it("a small estate is all probed within a second", () => {
    const times = firstRuns(20);
    expect(Math.max(...times)).toBeLessThan(1000);
  });

  it("a large one starts at most one probe per 5 ms, never all in the first second", () => {
    const times = firstRuns(1000).sort((a, b) => a - b);
    const probes = times.length;
    expect(probes).toBeGreaterThanOrEqual(1000);
    expect(times.filter((t) => t < 1000).length).toBeLessThanOrEqual(1000 / 5 + 1);
    // Spread over the whole span, up to the interval.
    expect(times.at(-1)!).toBeGreaterThan(Math.min(30_000, probes * 5) * 0.9);
    expect(times.at(-1)!).toBeLessThanOrEqual(Math.min(30_000, probes * 5));
  });
});
