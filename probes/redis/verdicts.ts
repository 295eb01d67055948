import { z } from "zod";
import { worstSeverity, type Verdict } from "@/lib/probe-kit/bounds";
import type { Severity } from "@/lib/probe-kit/define-finding";

/**
 * Several numbers judged for one finding: its severity is the worst of their
 * verdicts, and its rule names each number that broke one ("refused 3 ≥ 1 (crit)").
 */
export function worstVerdict(verdicts: Record<string, Verdict>): { severity: Severity | undefined; rule: string } {
  const broken = Object.entries(verdicts).filter(([, verdict]) => verdict.severity);
  return {
    severity: worstSeverity(broken.map(([, verdict]) => verdict.severity)),
    rule: broken.map(([what, verdict]) => `${what} ${verdict.rule}`).join("; "),
  };
}

/** A threshold on a count (keys evicted, connections refused, keys that never expire): at least one, or it would fire on none. */
export const countThreshold = (fallback: number, what: string) => z.number().int().min(1).default(fallback).describe(what);
