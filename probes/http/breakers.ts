import { z } from "zod";
import { resolveUrl } from "@/lib/probe-kit/resolve-url";
import { breakerFindings, breakerSchema, breakerState, describeBreaker, type Breaker } from "@/lib/probe-kit/breakers";
import { defineFinding } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { ProbeReadError } from "@/lib/probe-kit/read-error";
import { valueAt } from "./json-path";
import { parsePrometheusText } from "./prometheus-text";
import { MAX_METRICS_BYTES, readJsonBody, readLimitedBody, requireOk } from "./read-body";
import { httpAction } from "./action";
import { requestCommand, type RequestParams } from "./request-spec";

export const breakerOpen = defineFinding({
  id: "http.breaker-open",
  title: "Circuit breaker open",
  severities: ["crit"],
  cause:
    "Calls to a downstream failed often enough (for the auth service: half of them over 10 s) that the service stopped making them. Requests that need that downstream fail at once (AUTH_005, “circuit breaker is open”) unless a fallback such as a stale cache answers.",
  steps: [
    "Find and fix the downstream the breaker protects (for the auth service, the Kong Admin API: see AUTH_004).",
    "The breaker goes half-open by itself after its timeout and closes on the first success; reset it sooner only once the downstream answers again, or it opens at once.",
    "Meanwhile check whether a fallback serves (stale cache available?) and tell users what fails.",
  ],
  commands: (target, _evidence, params: RequestParams) => [requestCommand(target, params)],
  fixes: [httpAction],
  matches: ["circuit breaker is open", "Circuit breaker open"],
});

export const breakerHalfOpen = defineFinding({
  id: "http.breaker-half-open",
  title: "Circuit breaker testing recovery",
  severities: ["warn"],
  cause: "The breaker's wait is over and it lets a trial call through: if the downstream answers, it closes; if not, it opens again.",
  steps: ["Watch the next state: closed means recovered, open again means the downstream still fails."],
  commands: (target, _evidence, params: RequestParams) => [requestCommand(target, params)],
  fixes: [httpAction],
  matches: ["half-open", "HALF_OPEN"],
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
  reads: "circuit breakers from a JSON map or a `…_circuitbreaker_state{name,state}` gauge",
  kind: "http",
  params: z.strictObject({ path: z.string().optional().describe("Where the service reports its breakers"), source }),
  data: z.object({ url: z.string(), breakers: z.array(breakerSchema) }),
  findings: [breakerOpen, breakerHalfOpen],
  command: (target, params) => requestCommand(target, params),
  async read(http, params, signal) {
    const url = resolveUrl(http.baseUrl, params.path);
    const response = await http.request(params.path, { method: "GET", signal });
    await requireOk(response, url, "no breakers to read");
    const breakers =
      "json" in params.source
        ? fromJson(await readJsonBody(response, url, signal, MAX_METRICS_BYTES), params.source.json)
        : fromPrometheus(await readLimitedBody(response, signal, MAX_METRICS_BYTES), params.source.prometheus.metric);
    return { url: url.href, breakers };
  },
  judge({ url, breakers }, _params, { now }) {
    const summary = breakers.length ? breakers.map((b) => describeBreaker(b, now)).join("; ") : "no breakers reported";
    return { summary, findings: breakerFindings(breakers, breakerOpen, breakerHalfOpen, { url }, now) };
  },
  view: ({ breakers }) => ({ breakers }),
});

function fromJson(document: unknown, paths: { states: string; failures?: string; since?: string; retryInMs?: string }): Breaker[] {
  const states = valueAt(document, paths.states);
  if (!states || typeof states !== "object") throw new ProbeReadError(`no map of breaker name → state at ${paths.states} in the answer`);
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
  const samples = parsePrometheusText(text).filter((sample) => sample.name === metric);
  if (samples.length === 0) throw new ProbeReadError(`no series ${metric} in the answer`);
  const current = new Map<string, Breaker["state"]>();
  for (const sample of samples) {
    if (sample.value !== 1) continue;
    const state = breakerState(sample.labels.state);
    if (state && sample.labels.name) current.set(sample.labels.name, state);
  }
  return [...current].map(([name, state]) => ({ name, state, failures: null, since: null, retryInSeconds: null }));
}
