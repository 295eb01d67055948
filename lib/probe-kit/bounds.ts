import { z } from "zod";
import type { Severity } from "./define-finding";

/**
 * The one threshold engine. A value is judged against warn and crit in one
 * direction; a value *at* a threshold is past it; and every verdict says the
 * actual value beside the rule it broke ("92 % ≥ 80 % (warn)").
 */
export interface Verdict {
  severity: Severity | undefined;
  value: number;
  /** The rule with the value beside it, or the value alone when it is within bounds. */
  rule: string;
}

export type Show = (n: number) => string;

/** Thresholds as estate files write them, in any combination; at least one must be given where a rule is the user's own. */
export interface Bounds {
  warnAbove?: number;
  critAbove?: number;
  warnBelow?: number;
  critBelow?: number;
}

export const plain: Show = (n) => n.toLocaleString("en-US", { maximumFractionDigits: 3 });

export function judgeBounds(value: number, bounds: Bounds, show: Show = plain): Verdict {
  // Crit before warn, so the worse verdict speaks when both apply.
  const checks: [number | undefined, Severity, "≥" | "≤"][] = [
    [bounds.critAbove, "crit", "≥"],
    [bounds.critBelow, "crit", "≤"],
    [bounds.warnAbove, "warn", "≥"],
    [bounds.warnBelow, "warn", "≤"],
  ];
  for (const [threshold, severity, sign] of checks) {
    if (threshold === undefined) continue;
    if (sign === "≥" ? value >= threshold : value <= threshold) return { severity, value, rule: `${show(value)} ${sign} ${show(threshold)} (${severity})` };
  }
  return { severity: undefined, value, rule: show(value) };
}

/** warn/crit of a number that is bad when high (connections in use, queue depth). */
export function above(value: number, limits: { warn?: number; crit?: number }, show: Show = plain): Verdict {
  return judgeBounds(value, { warnAbove: limits.warn, critAbove: limits.crit }, show);
}

/** warn/crit of a number that is bad when low (a hit rate, days left on a certificate). */
export function below(value: number, limits: { warn?: number; crit?: number }, show: Show = plain): Verdict {
  return judgeBounds(value, { warnBelow: limits.warn, critBelow: limits.crit }, show);
}

/** The four thresholds of a rule the user writes on a number of their own, checked to name at least one. */
export const boundsShape = {
  warnAbove: z.number().optional().describe("warn when the value is at or above this"),
  critAbove: z.number().optional().describe("crit when the value is at or above this"),
  warnBelow: z.number().optional().describe("warn when the value is at or below this"),
  critBelow: z.number().optional().describe("crit when the value is at or below this"),
};

export const hasBounds = (b: Bounds) => [b.warnAbove, b.critAbove, b.warnBelow, b.critBelow].some((t) => t !== undefined);
export const NEEDS_BOUNDS = "give at least one of warnAbove, critAbove, warnBelow, critBelow";

/** A ratio threshold as estate files write it: 0.8, between 0 and 1. */
export const ratio = (fallback: number, what: string) => z.number().min(0).max(1).default(fallback).describe(what);
/** A count, size or time threshold. */
export const amount = (fallback: number, what: string) => z.number().min(0).default(fallback).describe(what);

/** The worst of several severities, undefined when none. */
export function worstSeverity(severities: (Severity | undefined)[]): Severity | undefined {
  if (severities.includes("crit")) return "crit";
  if (severities.includes("warn")) return "warn";
  return undefined;
}
