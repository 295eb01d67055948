import type { Severity } from "./define-finding";
import { formatAge } from "./format";

/** One circuit breaker, whatever exposes it: a JSON document, a Prometheus gauge or a table. */
export interface Breaker {
  name: string;
  state: "closed" | "open" | "half-open";
  failures: number | null;
  /** When it entered this state, when known. */
  since: string | null;
  /** Seconds until an open breaker lets a trial through, when known. */
  retryInSeconds: number | null;
}

/** "OPEN", "half_open", "HALF-OPEN", "Closed"… into the three words. */
export function breakerState(word: unknown): Breaker["state"] | undefined {
  const normal = String(word ?? "").trim().toLowerCase().replace(/[_\s]/g, "-");
  if (normal === "closed" || normal === "open" || normal === "half-open") return normal;
  if (normal === "halfopen") return "half-open";
  return undefined;
}

export function breakerSeverity(state: Breaker["state"]): Severity | undefined {
  return state === "open" ? "crit" : state === "half-open" ? "warn" : undefined;
}

/** "payments open (8 failures, for 42 s, half-open in 18 s)" */
export function describeBreaker(breaker: Breaker, now = Date.now()): string {
  const details = [
    breaker.failures !== null ? `${breaker.failures} failures` : undefined,
    breaker.since ? `for ${formatAge(now - Date.parse(breaker.since))}` : undefined,
    breaker.retryInSeconds !== null && breaker.state === "open" ? `half-open in ${formatAge(breaker.retryInSeconds * 1000)}` : undefined,
  ].filter(Boolean);
  return `${breaker.name} ${breaker.state}${details.length ? ` (${details.join(", ")})` : ""}`;
}
