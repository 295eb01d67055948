import { describe, expect, it } from "vitest";
import { forecast, ratePerSecond } from "./forecast";

describe("ratePerSecond", () => {
  it("is the median of the rates between consecutive readings, unmoved by one step", () => {
    expect(ratePerSecond([{ t: 0, value: 0 }, { t: 1000, value: 55_000 }, { t: 2000, value: 55_300 }, { t: 3000, value: 55_600 }])).toBeCloseTo(300);
    // Only the last five steps count: a long flat past does not hide growth that started.
    const flatThenGrowing = [...Array.from({ length: 20 }, (_, i) => ({ t: i * 1000, value: 100 })), ...Array.from({ length: 4 }, (_, i) => ({ t: (20 + i) * 1000, value: 12_000 + 3 * i }))];
    expect(ratePerSecond(flatThenGrowing)).toBeCloseTo(3);
    expect(ratePerSecond([{ t: 0, value: 100 }, { t: 1000, value: 340 }, { t: 2000, value: 580 }])).toBeCloseTo(240);
    expect(ratePerSecond([{ t: 0, value: 10 }, { t: 1000, value: 14 }, { t: 2000, value: 12 }])).toBeCloseTo(1);
    expect(ratePerSecond([{ t: 0, value: 5 }])).toBeUndefined();
    expect(ratePerSecond([{ t: 5, value: 5 }, { t: 5, value: 9 }])).toBeUndefined();
  });
});

describe("forecast", () => {
  it("growing: time to the critical mark", () => {
    // 50,000 − 6,800 = 43,200 at 240/s is 180 s.
    expect(forecast(6_800, 240, 50_000)).toEqual({ trend: "growing", seconds: 180, words: "growing 240/s, critical in ~3 min" });
    expect(forecast(55_000, 300, 50_000).words).toBe("growing 300/s, past critical");
  });

  it("draining: time to empty", () => {
    expect(forecast(2_000, -50, 50_000)).toEqual({ trend: "draining", seconds: 40, words: "draining 50/s, empty in ~40 s" });
  });

  it("slow rates in per minute, noise as steady, no data as unknown", () => {
    expect(forecast(100, 0.5, 1_000).words).toBe("growing 30/min, critical in ~30 min");
    expect(forecast(100, 0.001, 1_000).words).toBe("steady");
    expect(forecast(100, undefined, 1_000).words).toBe("trend not known yet");
  });
});
