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

function setup() {
  vi.useFakeTimers({ now: T0 });
  const estate = parseEstate(ESTATE, "estate.yaml", {});
  const results = new LatestResults();
  const bus = new EventBus();
  const views = new LiveViews(estate, results, new ActiveFindings(), bus, () => false);
  const announced: string[] = [];
  bus.subscribe((event) => {
    if (event.type === "service") announced.push(`${event.summary.status}: ${event.summary.worst?.summary ?? "-"}`);
  });
  views.start();
  /** One run of the probe, `seconds` after T0, as the engine settles it. */
  const run = (seconds: number, status: ProbeResult["status"], summary: string) => {
    vi.setSystemTime(T0 + seconds * 1000);
    const result = { key: KEY, status, summary, latencyMs: 1, durationMs: 1, checkedAt: new Date(T0 + seconds * 1000).toISOString(), trigger: "schedule", findings: [] } as ProbeResult;
    const previous = results.latest(KEY);
    results.record(result, undefined);
    bus.publish({ type: "result", result, previous, serviceId: "shop", dependencyId: "shop.web" } satisfies LanternEvent);
  };
  return { views, run, announced };
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
});
