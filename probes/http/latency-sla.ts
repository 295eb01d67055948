import { z } from "zod";
import { resolveUrl } from "@/lib/probe-kit/resolve-url";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatMs } from "@/lib/probe-kit/format";
import { readLimitedBody } from "./read-body";
import { requestCommand, requestSpec, type RequestParams } from "./request-spec";

export const latencySla = defineFinding({
  id: "http.latency-sla",
  title: "Latency over its SLA",
  cause: "The endpoint's P95 over the last readings is above what the service promises (the auth service: health under 50 ms, tokens under 100 ms): a slow dependency (Kong, a cache miss storm), a blocked event loop, or CPU pressure.",
  steps: ["Look at the dependencies' latency at the same time (Kong, Redis, the database).", "Check the service's event-loop delay and CPU.", "If only this endpoint is slow, look at what it calls that others do not."],
  commands: (target, _evidence, params: RequestParams) => [`${requestCommand(target, params)} -o /dev/null -w '%{time_total}\\n'`],
  matches: ["P95/P99 latency exceeds SLA", "Slow Response Times", "latency > 100ms"],
});

export const httpLatencySla = defineProbe({
  id: "http.latency-sla",
  title: "Latency SLA",
  kind: "http",
  params: z.strictObject({
    ...requestSpec,
    slaMs: z.number().positive().describe("The promised latency at the quantile"),
    quantile: z.number().min(0.5).max(1).default(0.95),
    minSamples: z.number().int().min(2).default(10).describe("Readings needed in the window before judging"),
    windowSeconds: z.number().min(10).default(600).describe("How far back the readings count"),
  }),
  data: z.object({ url: z.string(), ms: z.number(), quantileMs: z.number().nullable(), samples: z.number() }),
  findings: [latencySla],
  series: (data) => data.ms,
  command: (target, params) => `${requestCommand(target, params)} -o /dev/null -w '%{time_total}\\n'`,
  async run(http, params, signal, { history }) {
    const url = resolveUrl(http.baseUrl, params.path);
    const started = performance.now();
    const response = await http.request(params.path, { method: params.method, headers: params.headers, signal });
    await readLimitedBody(response, signal);
    const ms = performance.now() - started;
    const now = Date.now();
    const window = [...history.filter((h) => now - Date.parse(h.checkedAt) <= params.windowSeconds * 1000).map((h) => h.data.ms), ms].sort((a, b) => a - b);
    const label = `P${Math.round(params.quantile * 100)}`;
    if (window.length < params.minSamples) {
      return { status: "ok", summary: `${formatMs(ms)} now; ${label} needs ${params.minSamples} readings, have ${window.length}`, data: { url: url.href, ms, quantileMs: null, samples: window.length }, latencyMs: ms };
    }
    const quantileMs = window[Math.min(window.length - 1, Math.ceil(params.quantile * window.length) - 1)]!;
    const data = { url: url.href, ms, quantileMs, samples: window.length };
    const summary = `${label} ${formatMs(quantileMs)} over ${window.length} readings (SLA ${formatMs(params.slaMs)}), ${formatMs(ms)} now`;
    if (quantileMs <= params.slaMs) return { status: "ok", summary, data, latencyMs: ms };
    return { status: "warn", summary, data, latencyMs: ms, findings: [raise(latencySla, "warn", `${url.pathname}: ${label} ${formatMs(quantileMs)} > SLA ${formatMs(params.slaMs)}`, { url: url.href, quantileMs: Math.round(quantileMs * 10) / 10, slaMs: params.slaMs, samples: window.length })] };
  },
});
