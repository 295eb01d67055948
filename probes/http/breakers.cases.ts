import { JUDGING_NOW, judgingCases } from "@/lib/probe-kit/judging-cases";
import { httpBreakers } from "./breakers";

// The auth service's /metrics?view=operational: a breaker in front of the Kong Admin API.
const params = { path: "/metrics?view=operational", source: { json: { states: "circuitBreaker.states", failures: "circuitBreaker.failureCounts" } } };
const ago = (seconds: number) => new Date(JUDGING_NOW - seconds * 1000).toISOString();
const breaker = (name: string, state: "closed" | "open" | "half-open", failures: number | null, since: string | null = null, retryInSeconds: number | null = null) => ({
  name,
  state,
  failures,
  since,
  retryInSeconds,
});
const reading = (...breakers: ReturnType<typeof breaker>[]) => ({ url: "http://127.0.0.1:3000/metrics?view=operational", breakers });

export default judgingCases(httpBreakers, {
  healthy: [
    { what: "Kong's breaker closed", data: reading(breaker("kong", "closed", 0, ago(3600))), params },
    { what: "a gauge with no failure counts, all closed", data: reading(breaker("payments", "closed", null), breaker("telegram", "closed", null)), params },
  ],
  raises: [
    { what: "Kong's breaker open after 7 failures, half-open in 18 s", finding: "http.breaker-open", severity: "crit", data: reading(breaker("kong", "open", 7, ago(42), 18)), params },
    { what: "payments testing recovery", finding: "http.breaker-half-open", severity: "warn", data: reading(breaker("kong", "closed", 0), breaker("payments", "half-open", 2, ago(60))), params },
  ],
});
