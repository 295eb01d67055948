import { randomBytes } from "node:crypto";
import { z } from "zod";
import { resolveUrl } from "@/lib/probe-kit/resolve-url";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import type { CommandTarget } from "@/lib/probe-kit/commands";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { requestCommand, requestSpec, type RequestParams } from "./request-spec";

export const traceContextMissing = defineFinding({
  id: "http.trace-context-missing",
  title: "Trace context not propagated",
  cause: "The service neither carries the caller's W3C traceparent on nor answers with a trace id: its traces start fresh and cannot be joined to the caller's, and bug reports carry no trace_id.",
  steps: ["Check that the tracing middleware is initialised (telemetry mode, OTLP endpoint).", "Check that outgoing calls and responses carry the trace headers.", "Ask reporters for the trace id header once it is back."],
  commands: (target, _evidence, params: RequestParams) => [`${traceCommand(target, params)} | grep -iE 'traceparent|trace-id|x-trace-id|x-request-id'`],
  matches: ["Missing Trace Context", "No trace IDs in logs", "traceparent", "trace_id"],
});

/** W3C's example trace id: recognisable when it comes back. */
const EXAMPLE_TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

function traceCommand(target: CommandTarget, params: RequestParams): string {
  return requestCommand(target, { ...params, headers: { ...params.headers, traceparent: EXAMPLE_TRACEPARENT } }, { headersOnly: true });
}

const TRACE_HEADERS = ["traceparent", "trace-id", "x-trace-id", "x-b3-traceid", "x-request-id", "x-correlation-id"];

export const httpTraceContext = defineProbe({
  id: "http.trace-context",
  title: "Trace context",
  kind: "http",
  params: z.strictObject({ ...requestSpec }),
  data: z.object({ url: z.string(), propagated: z.boolean(), header: z.string().nullable() }),
  findings: [traceContextMissing],
  command: (target, params) => traceCommand(target, params),
  async run(http, params, signal) {
    const url = resolveUrl(http.baseUrl, params.path);
    const traceId = randomBytes(16).toString("hex");
    const response = await http.request(params.path, { method: params.method, signal, headers: { ...params.headers, traceparent: `00-${traceId}-${randomBytes(8).toString("hex")}-01` } });
    await response.body?.cancel();
    const header = TRACE_HEADERS.find((name) => response.headers.has(name)) ?? null;
    const propagated = TRACE_HEADERS.some((name) => (response.headers.get(name) ?? "").includes(traceId));
    const data = { url: url.href, propagated, header };
    if (propagated) return { status: "ok", summary: `our trace id came back in ${TRACE_HEADERS.find((name) => (response.headers.get(name) ?? "").includes(traceId))}`, data };
    if (header) return { status: "ok", summary: `answers with its own ${header}, does not carry our traceparent on`, data };
    const summary = `${url.pathname}: no traceparent and no trace id header in the answer`;
    return { status: "warn", summary, data, findings: [raise(traceContextMissing, "warn", summary, { url: url.href })] };
  },
});
