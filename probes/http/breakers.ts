import { z } from "zod";
import { resolveUrl } from "@/lib/probe-kit/resolve-url";
import { breakerSeverity, breakerState, describeBreaker, type Breaker } from "@/lib/probe-kit/breakers";
import { defineFinding, raise, type RaisedFinding } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { worstSeverity } from "@/lib/probe-kit/thresholds";
import { valueAt } from "./json-path";
import { parsePrometheusText } from "./prometheus-text";
import { readLimitedBody } from "./read-body";
import { requestCommand, type RequestParams } from "./request-spec";

export const breakerOpen = defineFinding({
  id: "http.breaker-open",
  title: "Circuit breaker open",
  cause:
    "Calls to a downstream failed often enough (for the auth service: half of them over 10 s) that the service stopped making them. Requests that need that downstream fail at once (AUTH_005, “circuit breaker is open”) unless a fallback such as a stale cache answers.",
  steps: [
    "Find and fix the downstream the breaker protects (for the auth service, the Kong Admin API: see AUTH_004).",
    "Leave the breaker alone: it goes half-open by itself after its timeout and closes on the first success.",
    "Meanwhile check whether a fallback serves (stale cache available?) and tell users what fails.",
  ],
  commands: (target, _evidence, params: RequestParams) => [requestCommand(target, params)],
  matches: ["circuit breaker is open", "Circuit breaker open"],
});

export const breakerHalfOpen = defineFinding({
  id: "http.breaker-half-open",
  title: "Circuit breaker testing recovery",
  cause: "The breaker's wait is over and it lets a trial call through: if the downstream answers, it closes; if not, it opens again.",
  steps: ["Watch the next state: closed means recovered, open again means the downstream still fails."],
  commands: (target, _evidence, params: RequestParams) => [requestCommand(target, params)],
  matches: ["half-open", "HALF_OPEN"],
});

/** The three states from a breaker model into findings; shared with the table source. */
export function breakerFindings(breakers: Breaker[], open: typeof breakerOpen, halfOpen: typeof breakerHalfOpen, evidence: Record<string, unknown>): RaisedFinding[] {
  const opened = breakers.filter((b) => b.state === "open");
  const testing = breakers.filter((b) => b.state === "half-open");
  const findings: RaisedFinding[] = [];
  if (opened.length) findings.push(raise(open, "crit", opened.map((b) => describeBreaker(b)).join("; "), { ...evidence, open: opened.map((b) => b.name) }));
  if (testing.length) findings.push(raise(halfOpen, "warn", testing.map((b) => describeBreaker(b)).join("; "), { ...evidence, halfOpen: testing.map((b) => b.name) }));
  return findings;
}

export const breakerSchema = z.object({
  name: z.string(),
  state: z.enum(["closed", "open", "half-open"]),
  failures: z.number().nullable(),
  since: z.string().nullable(),
  retryInSeconds: z.number().nullable(),
});

const source = z.union([
  z.strictObject({
    json: z.strictObject({
      states: z.string().describe('Dotted path to a map of breaker name → state, e.g. "circuitBreaker.states"'),
      failures: z.string().optional().describe("Dotted path to a map of breaker name → failure count"),
      since: z.string().optional().describe("Dotted path to a map of breaker name → time of the last change"),
      retryInMs: z.string().optional().describe("Dotted path to a map of breaker name → milliseconds until half-open"),
    }),
  }),
  z.strictObject({
    prometheus: z.strictObject({ metric: z.string().default("resilience4j_circuitbreaker_state").describe("A gauge with name and state labels, 1 for the current state") }),
  }),
]);

export const httpBreakers = defineProbe({
  id: "http.breakers",
  title: "Circuit breakers",
  kind: "http",
  params: z.strictObject({ path: z.string().optional(), source }),
  data: z.object({ url: z.string(), breakers: z.array(breakerSchema) }),
  findings: [breakerOpen, breakerHalfOpen],
  command: (target, params) => requestCommand(target, params),
  async run(http, params, signal) {
    const url = resolveUrl(http.baseUrl, params.path);
    const response = await http.request(params.path, { method: "GET", signal });
    const text = await readLimitedBody(response, signal, 4 * 1024 * 1024);
    if (!response.ok) return { status: "error", summary: `HTTP ${response.status} from ${url.pathname}${url.search}`, data: { url: url.href, breakers: [] } };
    const breakers = "json" in params.source ? fromJson(JSON.parse(text), params.source.json) : fromPrometheus(text, params.source.prometheus.metric);
    const findings = breakerFindings(breakers, breakerOpen, breakerHalfOpen, { url: url.href });
    const summary = breakers.length ? breakers.map((b) => describeBreaker(b)).join("; ") : "no breakers reported";
    return { status: worstSeverity(breakers.map((b) => breakerSeverity(b.state))) ?? "ok", summary, data: { url: url.href, breakers }, findings };
  },
});

function fromJson(document: unknown, paths: { states: string; failures?: string; since?: string; retryInMs?: string }): Breaker[] {
  const states = valueAt(document, paths.states);
  if (!states || typeof states !== "object") return [];
  const map = (path?: string) => (path ? (valueAt(document, path) as Record<string, unknown> | undefined) : undefined) ?? {};
  const failures = map(paths.failures);
  const since = map(paths.since);
  const retry = map(paths.retryInMs);
  return Object.entries(states as Record<string, unknown>).flatMap(([name, word]) => {
    const state = breakerState(word);
    if (!state) return [];
    return [{ name, state, failures: typeof failures[name] === "number" ? failures[name] : null, since: typeof since[name] === "string" ? since[name] : null, retryInSeconds: typeof retry[name] === "number" ? retry[name] / 1000 : null }];
  });
}

function fromPrometheus(text: string, metric: string): Breaker[] {
  const current = new Map<string, Breaker["state"]>();
  for (const sample of parsePrometheusText(text)) {
    if (sample.name !== metric || sample.value !== 1) continue;
    const state = breakerState(sample.labels.state);
    if (state && sample.labels.name) current.set(sample.labels.name, state);
  }
  return [...current].map(([name, state]) => ({ name, state, failures: null, since: null, retryInSeconds: null }));
}
