import { z } from "zod";
import { resolveUrl } from "@/lib/probe-kit/resolve-url";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatMs } from "@/lib/probe-kit/format";
import { defineFinding, raise, type RaisedFinding } from "@/lib/probe-kit/define-finding";
import { readHealthBody, verdictOf, type HealthComponent } from "./health-body";
import { readLimitedBody } from "./read-body";
import { requestCommand, type RequestParams } from "./request-spec";
import { judgeResponseWords, readResponseWords, RESPONSE_WORD_FINDINGS, responseWordsShape } from "./response-words";

export const unhealthy = defineFinding({
  id: "http.unhealthy",
  title: "Service says it is unhealthy",
  severities: ["crit"],
  cause: "The service answers its health check with a failing status or an unexpected HTTP code (503 Service Unavailable): it is up but cannot serve, often because something it needs is missing, or it is shedding load on purpose.",
  steps: ["Read the health body and the components it names.", "Read the service's logs for the reason it reports itself down.", "Honour Retry-After if it sends one."],
  commands: (target, _evidence, params: RequestParams) => [requestCommand(target, params)],
  explains: ["http.component-failing"],
  matches: ["503 Service Unavailable", "Health check fails", "Non-200 or timeout", "unhealthy"],
});

export const degraded = defineFinding({
  id: "http.degraded",
  title: "Service says it is degraded",
  severities: ["warn"],
  cause: "The service is running but reports itself degraded: a dependency it can live without is failing and it limps on a fallback.",
  steps: ["Read which dependency it names in its health body.", "Look at that dependency's panel in Lantern."],
  commands: (target, _evidence, params: RequestParams) => [requestCommand(target, params)],
  matches: ["degraded"],
});

export const componentFailing = defineFinding({
  id: "http.component-failing",
  title: "A component of the service is failing",
  severities: ["warn", "crit"],
  cause: "The service's own health check names a component (a database, a cache, a queue, an upstream API) that fails from where the service stands.",
  steps: ["Check the named component's own panel in Lantern; it usually shows why.", "If Lantern sees the component healthy, look at the path between the service and it (credentials, network, DNS)."],
  commands: (target, _evidence, params: RequestParams) => [requestCommand(target, params)],
});

const componentSchema = z.object({
  name: z.string(),
  status: z.enum(["ok", "warn", "crit", "unknown"]),
  said: z.string(),
  detail: z.string().optional(),
});

export const httpHealth = defineProbe({
  id: "http.health",
  title: "Health endpoint",
  reads: "status code, `application/health+json`, Spring `UP`/`DOWN`, or a `status` word, each component, `Retry-After`, `X-RateLimit-*`, error codes in the body",
  kind: "http",
  params: z.strictObject({
    path: z.string().optional().describe("Path relative to the dependency's URL; the URL itself when absent."),
    expectStatus: z
      .union([z.number().int().min(100).max(599), z.array(z.number().int().min(100).max(599)).min(1)], {
        error: "an HTTP status such as 200, or a list such as [200, 204]",
      })
      .default(200)
      .describe("The HTTP status (or statuses) a healthy answer has."),
  }),
  data: z.object({
    url: z.string(),
    ...responseWordsShape,
    httpStatus: z.number(),
    expectedStatus: z.array(z.number()),
    format: z.enum(["health+json", "spring", "json-status", "none"]),
    bodyStatus: z.string().optional(),
    components: z.array(componentSchema),
    /** Until the answer's headers arrived. */
    latencyMs: z.number(),
  }),
  findings: [unhealthy, degraded, componentFailing, ...RESPONSE_WORD_FINDINGS],
  command: (target, params) => requestCommand(target, params),
  async read(http, params, signal, { now }) {
    const url = resolveUrl(http.baseUrl, params.path);
    const started = performance.now();
    const response = await http.request(params.path, { method: "GET", signal, headers: { accept: "application/health+json, application/json;q=0.9, */*;q=0.1" } });
    const latencyMs = performance.now() - started;
    const json = parseJson(await readLimitedBody(response, signal));
    const body = readHealthBody(json, response.headers.get("content-type") ?? "");
    return {
      url: redactedUrl(url),
      httpStatus: response.status,
      expectedStatus: expectedStatuses(params.expectStatus),
      format: body.format,
      ...(body.said !== undefined ? { bodyStatus: body.said } : {}),
      components: body.components,
      ...readResponseWords(response, json, now),
      latencyMs,
    };
  },
  judge(data, params) {
    const expected = expectedStatuses(params.expectStatus);
    const words = judgeResponseWords(data.httpStatus, data);
    const parts = [expected.includes(data.httpStatus) ? `HTTP ${data.httpStatus}` : `HTTP ${data.httpStatus}, expected ${expected.join(" or ")}`];
    if (data.bodyStatus !== undefined) parts.push(`says "${data.bodyStatus}"`);
    const failing = failingComponents(data.components);
    if (failing.length > 0) parts.push(failing.map((c) => `${c.name} ${c.said}`).join(", "));
    parts.push(...words.words, `in ${formatMs(data.latencyMs)}`);
    return { summary: parts.join(", "), findings: [...healthFindings(data, expected), ...words.findings] };
  },
  latency: (data) => data.latencyMs,
});

const expectedStatuses = (expect: number | number[]) => (Array.isArray(expect) ? expect : [expect]);

const failingComponents = (components: HealthComponent[]) => components.filter((c) => c.status === "crit" || c.status === "warn");

/** The health document's verdict as findings: the whole service, and each component that fails. */
function healthFindings(data: { url: string; httpStatus: number; bodyStatus?: string; components: HealthComponent[] }, expected: number[]): RaisedFinding[] {
  const { url, httpStatus, bodyStatus: said } = data;
  const findings: RaisedFinding[] = [];
  // A 429 is the rate limit's finding, not the service's health.
  const statusOk = expected.includes(httpStatus) || httpStatus === 429;
  // The body's own word decides, in whichever dialect it was written.
  const verdict = verdictOf(said);
  const failing = failingComponents(data.components);
  if (!statusOk || verdict === "crit") {
    const what = `${!statusOk ? `HTTP ${httpStatus}, expected ${expected.join(" or ")}` : `HTTP ${httpStatus}`}${said !== undefined ? `, says "${said}"` : ""}`;
    findings.push(raise(unhealthy, "crit", what, { url, httpStatus, said }));
  } else if (verdict === "warn" && failing.length === 0) {
    findings.push(raise(degraded, "warn", `says "${said}"`, { url, said }));
  }
  if (failing.length > 0) {
    // A failing component is critical only when the service itself says it cannot serve.
    const severity = failing.some((c) => c.status === "crit") && findings.length > 0 ? "crit" : "warn";
    findings.push(raise(componentFailing, severity, failing.map((c) => `${c.name} ${c.said}${c.detail ? ` (${c.detail})` : ""}`).join(", "), { url, components: failing.map((c) => c.name) }));
  }
  return findings;
}

function redactedUrl(url: URL): string {
  const copy = new URL(url);
  copy.username = "";
  copy.password = "";
  copy.search = "";
  return copy.href;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
