import { worstSeverity, type Verdict } from "@/lib/probe-kit/bounds";
import type { Severity } from "@/lib/probe-kit/define-finding";

/** A verdict with the words naming the number it judged ("bytes", "memory"), when one finding weighs several. */
export interface LabelledVerdict {
  label?: string;
  verdict: Verdict;
}

export const ruleOf = ({ label, verdict }: LabelledVerdict) => (label ? `${label} ${verdict.rule}` : verdict.rule);

/** One finding judged on several numbers: the worst severity among them, and the rules that reached it, side by side. */
export function judgeTogether(verdicts: LabelledVerdict[]): { severity: Severity | undefined; rule: string } {
  const fired = verdicts.filter(({ verdict }) => verdict.severity);
  return { severity: worstSeverity(fired.map(({ verdict }) => verdict.severity)), rule: fired.map(ruleOf).join(", ") };
}
