import { z } from "zod";
import { resolveUrl } from "@/lib/clients/http";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatMs } from "@/lib/probe-kit/format";
import { readHealthBody, type HealthBody } from "./health-body";
import { readLimitedBody } from "./read-body";

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
    httpStatus: z.number(),
    expectedStatus: z.array(z.number()),
    format: z.enum(["health+json", "spring", "json-status", "none"]),
    bodyStatus: z.string().optional(),
    components: z.array(componentSchema),
    retryAfter: z.string().optional(),
  }),
  findings: [],
  command: (target, params) => target.curl(resolveUrl(target.url, params.path)),
  async run(http, params, signal) {
    const url = resolveUrl(http.baseUrl, params.path);
    const started = performance.now();
    const response = await http.request(params.path, { method: "GET", signal, headers: { accept: "application/health+json, application/json;q=0.9, */*;q=0.1" } });
    const latencyMs = performance.now() - started;
    const contentType = response.headers.get("content-type") ?? "";
    const text = await readLimitedBody(response, signal);
    const body = readHealthBody(parseJson(text), contentType);
    const expected = Array.isArray(params.expectStatus) ? params.expectStatus : [params.expectStatus];
    const retryAfter = response.headers.get("retry-after") ?? undefined;
    const data = {
      url: redactedUrl(url),
      httpStatus: response.status,
      expectedStatus: expected,
      format: body.format,
      ...(body.said !== undefined ? { bodyStatus: body.said } : {}),
      components: body.components,
      ...(retryAfter ? { retryAfter } : {}),
    };
    return { ...judge(response.status, expected, body, retryAfter, latencyMs), data, latencyMs };
  },
});

function judge(httpStatus: number, expected: number[], body: HealthBody, retryAfter: string | undefined, latencyMs: number) {
  const parts: string[] = [];
  const statusOk = expected.includes(httpStatus);
  parts.push(statusOk ? `HTTP ${httpStatus}` : `HTTP ${httpStatus}, expected ${expected.join(" or ")}`);
  if (body.said !== undefined) parts.push(`says "${body.said}"`);
  const failing = body.components.filter((c) => c.status === "crit" || c.status === "warn");
  if (failing.length > 0) parts.push(`${failing.map((c) => `${c.name} ${c.said}`).join(", ")}`);
  if (retryAfter) parts.push(`Retry-After ${/^\d+$/.test(retryAfter) ? `${retryAfter} s` : retryAfter}`);
  parts.push(`in ${formatMs(latencyMs)}`);
  const summary = parts.join(", ");

  if (!statusOk) return { status: httpStatus === 429 ? ("warn" as const) : ("crit" as const), summary };
  if (body.status === "crit") return { status: "crit" as const, summary };
  if (body.status === "warn" || failing.length > 0) return { status: "warn" as const, summary };
  return { status: "ok" as const, summary };
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
