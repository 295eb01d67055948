import { describe, expect, it } from "vitest";
import { LatestResults } from "./latest-results";
import type { ProbeResult } from "./probe-result";

const KEY = "shop.queue/redis.queue";
const at = (i: number) => Date.UTC(2026, 10, 30, 23, 0, i);
const result = (i: number, status: ProbeResult["status"] = "ok"): ProbeResult => ({ key: KEY, status, checkedAt: new Date(at(i)).toISOString(), latencyMs: 1.25 + i }) as ProbeResult;

describe("LatestResults", () => {
  it("keeps the last series values in order once the window has wrapped, skipping readings without one, and the latest result in full", () => {
    const results = new LatestResults(3);
    for (let i = 0; i < 7; i += 1) results.record(result(i, i === 5 ? "crit" : "ok"), i === 5 ? undefined : i * 10);
    expect(results.series(KEY)).toEqual([
      { t: at(3), value: 30 },
      { t: at(4), value: 40 },
      { t: at(6), value: 60 },
    ]);
    expect(results.latest(KEY)?.checkedAt).toBe("2026-11-30T23:00:06.000Z");
  });

  it("answers no series for a probe that has not run, one that draws none, and fewer points than the window before it fills", () => {
    const results = new LatestResults(3);
    expect(results.series(KEY)).toEqual([]);
    results.record(result(0, "down"), undefined);
    expect(results.series(KEY)).toEqual([]);
    expect(results.latest(KEY)?.status).toBe("down");
    results.record(result(1), 7);
    expect(results.series(KEY)).toEqual([{ t: at(1), value: 7 }]);
  });
});
