import type { RaisedFinding } from "@/lib/probe-kit/define-finding";
import type { RunStatus } from "@/lib/probe-kit/status";

/** One run of one probe instance, as the engine keeps it (already redacted). */
export interface ProbeResult {
  key: string;
  status: RunStatus;
  summary: string;
  data?: unknown;
  /** What the dependency took to answer, as the probe measured it. */
  latencyMs: number;
  /** What the whole run took, connection included. */
  durationMs: number;
  checkedAt: string;
  /** How the run was started. */
  trigger: "schedule" | "manual" | "verify";
  /** Known problems this reading shows (already redacted). */
  findings: RaisedFinding[];
}
