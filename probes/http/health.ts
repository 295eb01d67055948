import { z } from "zod";
import { resolveUrl } from "@/lib/probe-kit/resolve-url";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatMs } from "@/lib/probe-kit/format";
import { defineFinding, raise, type RaisedFinding } from "@/lib/probe-kit/define-finding";
import { readHealthBody, type HealthBody } from "./health-body";
import { readLimitedBody } from "./read-body";
import { requestCommand, type RequestParams } from "./request-spec";
import { rateLimited, readResponseWords } from "./response-words";

export const unhealthy = defineFinding({
  id: "http.unhealthy",
  title: "Service says it is unhealthy",
  cause: "The service answers its health check with a failing status or an unexpected HTTP code (503 Service Unavailable): it is up but cannot serve, often because something it needs is missing, or it is shedding load on purpose.",
  steps: ["Read the health body and the components it names.", "Read the service's logs for the reason it reports itself down.", "Honour Retry-After if it sends one."],
  commands: (target, _evidence, params: RequestParams) => [requestCommand(target, params)],
  explains: ["http.component-failing"],
  matches: ["503 Service Unavailable", "Health check fails", "Non-200 or timeout", "unhealthy"],
});

export const degraded = defineFinding({
  id: "http.degraded",
  title: "Service says it is degraded",
  cause: "The service is running but reports itself degraded: a dependency it can live without is failing and it limps on a fallback.",
  steps: ["Read which dependency it names in its health body.", "Look at that dependency's panel in Lantern."],
  commands: (target, _evidence, params: RequestParams) => [requestCommand(target, params)],
  matches: ["degraded"],
});

export const componentFailing = defineFinding({
  id: "http.component-failing",
  title: "A component of the service is failing",
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
    retryAfter: z.string().optional(),
    rateLimit: z.object({ limit: z.number(), remaining: z.number(), resetsIn: z.string().optional() }).optional(),
    errorCode: z.string().optional(),
    httpStatus: z.number(),
    expectedStatus: z.array(z.number()),
    format: z.enum(["health+json", "spring", "json-status", "none"]),
    bodyStatus: z.string().optional(),
    components: z.array(componentSchema),
  }),
  findings: [unhealthy, degraded, componentFailing, rateLimited],
  command: (target, params) => requestCommand(target, params),
  async run(http, params, signal) {
    const url = resolveUrl(http.baseUrl, params.path);
    const started = performance.now();
    const response = await http.request(params.path, { method: "GET", signal, headers: { accept: "application/health+json, application/json;q=0.9, */*;q=0.1" } });
    const latencyMs = performance.now() - started;
    const contentType = response.headers.get("content-type") ?? "";
    const text = await readLimitedBody(response, signal);
    const json = parseJson(text);
    const body = readHealthBody(json, contentType);
    const expected = Array.isArray(params.expectStatus) ? params.expectStatus : [params.expectStatus];
    const words = readResponseWords(response, json);
    const data = {
      url: redactedUrl(url),
      httpStatus: response.status,
      expectedStatus: expected,
      format: body.format,
      ...(body.said !== undefined ? { bodyStatus: body.said } : {}),
      components: body.components,
      ...(words.retryAfter ? { retryAfter: words.retryAfter } : {}),
      ...(words.rateLimit ? { rateLimit: words.rateLimit } : {}),
      ...(words.errorCode ? { errorCode: words.errorCode } : {}),
    };
    const findings = [...judge(response.status, expected, body, data.url), ...words.findings];
    const parts = [expected.includes(response.status) ? `HTTP ${response.status}` : `HTTP ${response.status}, expected ${expected.join(" or ")}`];
    if (body.said !== undefined) parts.push(`says "${body.said}"`);
    const failing = body.components.filter((c) => c.status === "crit" || c.status === "warn");
    if (failing.length > 0) parts.push(failing.map((c) => `${c.name} ${c.said}`).join(", "));
    parts.push(...words.words, `in ${formatMs(latencyMs)}`);
    const status = findings.some((f) => f.severity === "crit") ? "crit" : findings.length ? "warn" : "ok";
    return { status, summary: parts.join(", "), data, latencyMs, findings };
  },
});

/** The health document's verdict as findings: the whole service, and each component that fails. */
function judge(httpStatus: number, expected: number[], body: HealthBody, url: string): RaisedFinding[] {
  const findings: RaisedFinding[] = [];
  const statusOk = expected.includes(httpStatus) || httpStatus === 429;
  const failing = body.components.filter((c) => c.status === "crit" || c.status === "warn");
  if (!statusOk || body.status === "crit") {
    const what = `${!statusOk ? `HTTP ${httpStatus}, expected ${expected.join(" or ")}` : `HTTP ${httpStatus}`}${body.said !== undefined ? `, says "${body.said}"` : ""}`;
    findings.push(raise(unhealthy, "crit", what, { url, httpStatus, said: body.said }));
  } else if (body.status === "warn" && failing.length === 0) {
    findings.push(raise(degraded, "warn", `says "${body.said}"`, { url, said: body.said }));
  }
  if (failing.length > 0) {
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
