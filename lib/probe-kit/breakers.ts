import { z } from "zod";
import { raise, type FindingDefinition, type RaisedFinding } from "./define-finding";
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

/** "payments open (8 failures, for 42 s, half-open in 18 s)" */
export function describeBreaker(breaker: Breaker, now: number): string {
  const details = [
    breaker.failures !== null ? `${breaker.failures} failures` : undefined,
    breaker.since ? `for ${formatAge(now - Date.parse(breaker.since))}` : undefined,
    breaker.retryInSeconds !== null && breaker.state === "open" ? `half-open in ${formatAge(breaker.retryInSeconds * 1000)}` : undefined,
  ].filter(Boolean);
  return `${breaker.name} ${breaker.state}${details.length ? ` (${details.join(", ")})` : ""}`;
}

export const breakerSchema = z.object({
  name: z.string(),
  state: z.enum(["closed", "open", "half-open"]),
  failures: z.number().nullable(),
  since: z.string().nullable(),
  retryInSeconds: z.number().nullable(),
});

/** Open breakers as one crit finding, half-open ones as one warn, whatever source they were read from. */
export function breakerFindings(
  breakers: Breaker[],
  open: FindingDefinition,
  halfOpen: FindingDefinition,
  evidence: Record<string, unknown>,
  now: number,
): RaisedFinding[] {
  const opened = breakers.filter((b) => b.state === "open");
  const testing = breakers.filter((b) => b.state === "half-open");
  const findings: RaisedFinding[] = [];
  if (opened.length) findings.push(raise(open, "crit", opened.map((b) => describeBreaker(b, now)).join("; "), { ...evidence, open: opened.map((b) => b.name) }));
  if (testing.length) findings.push(raise(halfOpen, "warn", testing.map((b) => describeBreaker(b, now)).join("; "), { ...evidence, halfOpen: testing.map((b) => b.name) }));
  return findings;
}
