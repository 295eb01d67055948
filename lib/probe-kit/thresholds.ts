import { z } from "zod";
import type { Severity } from "./define-finding";

/**
 * Thresholds are data: a value is judged against warn and crit, in one
 * direction, and the verdict says the actual value beside the rule.
 */
export interface Limits {
  warn?: number;
  crit?: number;
}

export interface Verdict {
  severity: Severity | undefined;
  /** "92 % ≥ 80 % (warn)", or the value alone when it is within limits. */
  rule: string;
}

export function above(value: number, limits: Limits, show: (n: number) => string = String): Verdict {
  if (limits.crit !== undefined && value >= limits.crit) return { severity: "crit", rule: `${show(value)} ≥ ${show(limits.crit)} (crit)` };
  if (limits.warn !== undefined && value >= limits.warn) return { severity: "warn", rule: `${show(value)} ≥ ${show(limits.warn)} (warn)` };
  return { severity: undefined, rule: show(value) };
}

export function below(value: number, limits: Limits, show: (n: number) => string = String): Verdict {
  if (limits.crit !== undefined && value < limits.crit) return { severity: "crit", rule: `${show(value)} < ${show(limits.crit)} (crit)` };
  if (limits.warn !== undefined && value < limits.warn) return { severity: "warn", rule: `${show(value)} < ${show(limits.warn)} (warn)` };
  return { severity: undefined, rule: show(value) };
}

/** The worst of several severities, undefined when none. */
export function worstSeverity(severities: (Severity | undefined)[]): Severity | undefined {
  if (severities.includes("crit")) return "crit";
  if (severities.includes("warn")) return "warn";
  return undefined;
}

/** A ratio threshold as estate files write it: 0.8, between 0 and 1. */
export const ratio = (fallback: number, what: string) => z.number().min(0).max(1).default(fallback).describe(what);
/** A count or size threshold. */
export const amount = (fallback: number, what: string) => z.number().min(0).default(fallback).describe(what);
