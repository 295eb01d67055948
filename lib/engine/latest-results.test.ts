import { describe, expect, it } from "vitest";
import { LatestResults } from "./latest-results";
import type { ProbeResult } from "./probe-result";

const result = (i: number, status: ProbeResult["status"] = "ok"): ProbeResult =>
  ({ key: "shop.db/postgres.reachable", status, checkedAt: new Date(Date.UTC(2026, 10, 30, 23, 0, i)).toISOString(), latencyMs: 1.25 + i }) as ProbeResult;

describe("LatestResults", () => {
  it("keeps the last points in order once the window has wrapped, and the latest result in full", () => {
    const results = new LatestResults(3);
    for (let i = 0; i < 5; i += 1) results.record(result(i, i === 3 ? "crit" : "ok"), i % 2 === 0 ? i * 10 : undefined);
    expect(results.points("shop.db/postgres.reachable")).toEqual([
      { t: Date.UTC(2026, 10, 30, 23, 0, 2), status: "ok", latencyMs: 3.25, value: 20 },
      { t: Date.UTC(2026, 10, 30, 23, 0, 3), status: "crit", latencyMs: 4.25 },
      { t: Date.UTC(2026, 10, 30, 23, 0, 4), status: "ok", latencyMs: 5.25, value: 40 },
    ]);
    expect(results.latest("shop.db/postgres.reachable")?.checkedAt).toBe("2026-11-30T23:00:04.000Z");
  });

  it("answers no points for a probe that has not run, and fewer than the window before it fills", () => {
    const results = new LatestResults(3);
    expect(results.points("shop.db/postgres.reachable")).toEqual([]);
    results.record(result(0, "down"), undefined);
    expect(results.points("shop.db/postgres.reachable")).toEqual([{ t: Date.UTC(2026, 10, 30, 23, 0, 0), status: "down", latencyMs: 1.25 }]);
  });
});
