import { describe, expect, it } from "vitest";
import { formatPercent } from "./format";
import { above, below } from "./thresholds";

describe("thresholds", () => {
  const limits = { warn: 0.8, crit: 0.95 };
  it.each([
    [0.79, undefined, "79 %"],
    [0.8, "warn", "80 % ≥ 80 % (warn)"],
    [0.94, "warn", "94 % ≥ 80 % (warn)"],
    [0.95, "crit", "95 % ≥ 95 % (crit)"],
    [1, "crit", "100 % ≥ 95 % (crit)"],
  ])("above: %d is %s", (value, severity, rule) => {
    expect(above(value, limits, formatPercent)).toEqual({ severity, rule });
  });

  it.each([
    [0.99, undefined],
    [0.989, "warn"],
    [0.9, "warn"],
    [0.899, "crit"],
  ])("below 99 % / 90 %: %d is %s", (value, severity) => {
    expect(below(value, { warn: 0.99, crit: 0.9 }).severity).toBe(severity);
  });

  it("a missing limit never fires", () => {
    expect(above(1e9, { warn: 10 }).severity).toBe("warn");
    expect(above(1e9, {}).severity).toBeUndefined();
  });
});
