/**
 * Status words and how they combine. Shared by the server and the browser, so
 * a page that has lost its live connection still ages results into "stale".
 */
export const PROBE_STATUSES = ["ok", "warn", "crit", "down", "error", "stale", "unknown"] as const;
export type ProbeStatus = (typeof PROBE_STATUSES)[number];
/** What a probe run itself can conclude; stale and unknown are judged by the clock. */
export type RunStatus = Exclude<ProbeStatus, "stale" | "unknown">;

export const SERVICE_STATUSES = ["ok", "degraded", "down", "unknown"] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export type Impact = "critical" | "degraded";

// Worst last: a dependency shows the worst of its probes.
const SEVERITY: Record<ProbeStatus, number> = { ok: 0, unknown: 1, stale: 2, warn: 3, error: 4, crit: 5, down: 6 };

export function worstStatus(statuses: readonly ProbeStatus[]): ProbeStatus {
  if (statuses.length === 0) return "unknown";
  return statuses.reduce((worst, status) => (SEVERITY[status] > SEVERITY[worst] ? status : worst));
}

export function isProblem(status: ProbeStatus): boolean {
  return status !== "ok" && status !== "unknown";
}

/** A result older than two missed intervals no longer describes the dependency. */
export function staleAfterMs(intervalMs: number, timeoutMs: number): number {
  return 2 * intervalMs + timeoutMs;
}

export function currentStatus(
  result: { status: RunStatus; checkedAt: string } | undefined,
  intervalMs: number,
  timeoutMs: number,
  now: number,
): ProbeStatus {
  if (!result) return "unknown";
  const age = now - Date.parse(result.checkedAt);
  return age > staleAfterMs(intervalMs, timeoutMs) ? "stale" : result.status;
}

/**
 * A critical dependency that is down takes its service down; a dependency in
 * crit, or a degraded-impact one that is down, leaves it limping. Warnings are
 * counted on the card but do not change the service's word.
 */
export function serviceStatus(dependencies: readonly { impact: Impact; status: ProbeStatus }[]): ServiceStatus {
  if (dependencies.some((d) => d.impact === "critical" && d.status === "down")) return "down";
  if (dependencies.some((d) => d.status === "down" || d.status === "crit")) return "degraded";
  if (dependencies.length === 0) return "unknown";
  if (dependencies.some((d) => d.impact === "critical" && (d.status === "unknown" || d.status === "stale"))) return "unknown";
  if (dependencies.every((d) => d.status === "unknown" || d.status === "stale")) return "unknown";
  return "ok";
}
