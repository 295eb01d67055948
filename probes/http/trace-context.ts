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
  severities: ["warn"],
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
  reads: "sends a W3C `traceparent`; is it carried on or a trace id returned?",
  kind: "http",
  params: z.strictObject({ ...requestSpec }),
  data: z.object({
    url: z.string(),
    /** Our trace id came back in a header of the answer. */
    propagated: z.boolean(),
    /** The header that carried our trace id back, else the first trace header the answer had. */
    header: z.string().nullable(),
  }),
  findings: [traceContextMissing],
  command: (target, params) => traceCommand(target, params),
  async read(http, params, signal) {
    const url = resolveUrl(http.baseUrl, params.path);
    const traceId = randomBytes(16).toString("hex");
    const response = await http.request(params.path, { method: params.method, signal, headers: { ...params.headers, traceparent: `00-${traceId}-${randomBytes(8).toString("hex")}-01` } });
    await response.body?.cancel();
    const carrying = TRACE_HEADERS.find((name) => (response.headers.get(name) ?? "").includes(traceId));
    const header = carrying ?? TRACE_HEADERS.find((name) => response.headers.has(name)) ?? null;
    return { url: url.href, propagated: carrying !== undefined, header };
  },
  judge({ url, propagated, header }) {
    if (propagated) return { summary: `our trace id came back in ${header}`, findings: [] };
    if (header) return { summary: `answers with its own ${header}, does not carry our traceparent on`, findings: [] };
    const summary = `${new URL(url).pathname}: no traceparent and no trace id header in the answer`;
    return { summary, findings: [raise(traceContextMissing, "warn", summary, { url })] };
  },
});
