import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEstate } from "@/lib/config/load-estate";
import { ActiveFindings } from "./active-findings";
import { EventBus, type LanternEvent } from "./event-bus";
import { LatestResults } from "./latest-results";
import { LiveViews } from "./live-views";
import type { ProbeResult } from "./probe-result";

const ESTATE = `services:
  - id: shop
    dependencies:
      - { id: web, kind: http, url: "http://127.0.0.1:1", interval: 10s, timeout: 2s, probes: [{ probe: http.health }] }
`;
const KEY = "shop.web/http.health";
const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);

/** A service page open on shop when `watched`: its probes' readings are announced too. */
function setup({ estateYaml = ESTATE, key = KEY, dependencyId = "shop.web", watched = false } = {}) {
  vi.useFakeTimers({ now: T0 });
  const estate = parseEstate(estateYaml, "estate.yaml", {});
  const results = new LatestResults();
  const bus = new EventBus();
  const views = new LiveViews(estate, results, new ActiveFindings(), bus, () => watched);
  const announced: string[] = [];
  const readings: { summary: string; series: number[] | undefined }[] = [];
  bus.subscribe((event) => {
    if (event.type === "service") announced.push(`${event.summary.status}: ${event.summary.worst?.summary ?? "-"}`);
    if (event.type === "probe") readings.push({ summary: event.probe.summary, series: event.probe.series?.map((point) => point.v) });
  });
  views.start();
  /** One run of the probe, `seconds` after T0, as the engine settles it; `value`, its series number. */
  const run = (seconds: number, status: ProbeResult["status"], summary: string, value?: number) => {
    vi.setSystemTime(T0 + seconds * 1000);
    const result = { key, status, summary, latencyMs: 1, durationMs: 1, checkedAt: new Date(T0 + seconds * 1000).toISOString(), trigger: "schedule", findings: [] } as ProbeResult;
    const previous = results.latest(key);
    results.record(result, value);
    bus.publish({ type: "result", result, previous, serviceId: "shop", dependencyId } satisfies LanternEvent);
  };
  return { views, run, announced, readings };
}

afterEach(() => vi.useRealTimers());

describe("LiveViews", () => {
  it("announces a service only when its summary changes: a status, or a problem's words", () => {
    const { views, run, announced } = setup();
    run(0, "ok", "200 in 3 ms");
    run(10, "ok", "200 in 5 ms");
    run(20, "warn", "200 in 900 ms");
    run(30, "warn", "200 in 900 ms");
    run(40, "warn", "200 in 1,400 ms");
    run(50, "ok", "200 in 4 ms");
    // A warning on a dependency leaves the service ok, with the reading to look at.
    expect(announced).toEqual(["ok: -", "ok: 200 in 900 ms", "ok: 200 in 1,400 ms", "ok: -"]);
    expect(views.version).toBe(4);
    views.stop();
  });

  it("a result after its probe went stale brings the service back, though the run reads as before", () => {
    const { views, run, announced } = setup();
    run(0, "ok", "200 in 3 ms");
    vi.advanceTimersByTime(60_000);
    run(61, "ok", "200 in 3 ms");
    expect(announced).toEqual(["ok: -", "unknown: 200 in 3 ms", "ok: -"]);
    views.stop();
  });

  it("tells an open service page each reading with the series point it adds, and none for a reading without one", () => {
    const estateYaml = `services:
  - id: shop
    dependencies:
      - { id: cache, kind: redis, url: "redis://127.0.0.1:1", interval: 10s, timeout: 2s, probes: [{ probe: redis.memory }] }
`;
    const { views, run, readings } = setup({ estateYaml, key: "shop.cache/redis.memory", dependencyId: "shop.cache", watched: true });
    run(0, "ok", "used 1 MiB", 1_048_576);
    run(10, "down", "connection refused");
    run(20, "ok", "used 2 MiB", 2_097_152);
    expect(readings).toEqual([
      { summary: "used 1 MiB", series: [1_048_576] },
      { summary: "connection refused", series: [] },
      { summary: "used 2 MiB", series: [2_097_152] },
    ]);
    views.stop();
  });
});
