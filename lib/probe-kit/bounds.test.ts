import { describe, expect, it } from "vitest";
import { above, below, judgeBounds } from "./bounds";
import { formatPercent } from "./format";

describe("the bounds kit: one boundary rule, a value at a threshold is past it", () => {
  it.each([
    [0.79, undefined, "79 %"],
    [0.8, "warn", "80 % ≥ 80 % (warn)"],
    [0.81, "warn", "81 % ≥ 80 % (warn)"],
    [0.94, "warn", "94 % ≥ 80 % (warn)"],
    [0.95, "crit", "95 % ≥ 95 % (crit)"],
    [0.96, "crit", "96 % ≥ 95 % (crit)"],
  ])("above 80 % / 95 %: %d is %s", (value, severity, rule) => {
    expect(above(value, { warn: 0.8, crit: 0.95 }, formatPercent)).toEqual({ severity, value, rule });
  });

  it.each([
    [0.991, undefined, "0.991"],
    [0.99, "warn", "0.99 ≤ 0.99 (warn)"],
    [0.989, "warn", "0.989 ≤ 0.99 (warn)"],
    [0.901, "warn", "0.901 ≤ 0.99 (warn)"],
    [0.9, "crit", "0.9 ≤ 0.9 (crit)"],
    [0.899, "crit", "0.899 ≤ 0.9 (crit)"],
  ])("below 0.99 / 0.9: %d is %s", (value, severity, rule) => {
    const verdict = below(value, { warn: 0.99, crit: 0.9 });
    expect(verdict).toEqual({ severity, value, rule });
  });

  it.each([
    // value, bounds, severity: both directions on one number (a window the value should stay inside)
    [5, { warnBelow: 10, critBelow: 2, warnAbove: 90, critAbove: 99 }, "warn"],
    [2, { warnBelow: 10, critBelow: 2, warnAbove: 90, critAbove: 99 }, "crit"],
    [50, { warnBelow: 10, critBelow: 2, warnAbove: 90, critAbove: 99 }, undefined],
    [90, { warnBelow: 10, critBelow: 2, warnAbove: 90, critAbove: 99 }, "warn"],
    [99, { warnBelow: 10, critBelow: 2, warnAbove: 90, critAbove: 99 }, "crit"],
    [0, { critAbove: 0 }, "crit"],
  ])("%d within %o is %s", (value, bounds, severity) => {
    expect(judgeBounds(value, bounds).severity).toBe(severity);
  });

  it("a missing threshold never fires, and the verdict always carries the value", () => {
    expect(above(1e9, { warn: 10 })).toEqual({ severity: "warn", value: 1e9, rule: "1,000,000,000 ≥ 10 (warn)" });
    expect(above(1e9, {})).toEqual({ severity: undefined, value: 1e9, rule: "1,000,000,000" });
  });
});
