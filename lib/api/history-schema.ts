import type { RunStatus } from "@/lib/probe-kit/status";

/** One probe instance over one minute, as the store keeps it and GET /api/history serves it. */
export interface HistoryMinute {
  probeKey: string;
  /** The minute's start, ISO. */
  minute: string;
  worst: RunStatus;
  summary: string;
  series: number | null;
  latencyMin: number;
  latencyMax: number;
  runs: number;
}
