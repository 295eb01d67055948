import { z } from "zod";
import { resolveUrl } from "@/lib/probe-kit/resolve-url";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { above } from "@/lib/probe-kit/bounds";
import type { CommandTarget } from "@/lib/probe-kit/commands";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatMs } from "@/lib/probe-kit/format";
import { readLimitedBody } from "./read-body";
import { requestCommand, requestSpec, type RequestParams } from "./request-spec";

/** The request the probe makes, timed by curl. */
function timingCommand(target: CommandTarget, params: RequestParams): string {
  return `${requestCommand(target, params)} -o /dev/null -w '%{time_total}\\n'`;
}

export const latencySla = defineFinding({
  id: "http.latency-sla",
  title: "Latency over its SLA",
  severities: ["warn"],
  cause: "The endpoint's P95 over the last readings is at or above what the service promises (the auth service: health under 50 ms, tokens under 100 ms): a slow dependency (Kong, a cache miss storm), a blocked event loop, or CPU pressure.",
  steps: ["Look at the dependencies' latency at the same time (Kong, Redis, the database).", "Check the service's event-loop delay and CPU.", "If only this endpoint is slow, look at what it calls that others do not."],
  commands: (target, _evidence, params: RequestParams) => [timingCommand(target, params)],
  matches: ["P95/P99 latency exceeds SLA", "Slow Response Times", "latency > 100ms"],
});

export const httpLatencySla = defineProbe({
  id: "http.latency-sla",
  title: "Latency SLA",
  reads: "the quantile of this probe's own readings over its window",
  kind: "http",
  params: z.strictObject({
    ...requestSpec,
    slaMs: z.number().positive().describe("The promised latency at the quantile: a quantile at or above it breaks the SLA"),
    quantile: z.number().min(0.5).max(1).default(0.95).describe("Which quantile of the window the SLA promises, e.g. 0.95 for P95"),
    minSamples: z.number().int().min(2).default(10).describe("Readings needed in the window before judging"),
    windowSeconds: z.number().min(10).default(600).describe("How far back the readings count"),
  }),
  data: z.object({ url: z.string(), ms: z.number(), quantileMs: z.number(), samples: z.number() }),
  findings: [latencySla],
  series: (data) => data.ms,
  latency: (data) => data.ms,
  command: (target, params) => timingCommand(target, params),
  async read(http, params, signal, { history, now }) {
    const url = resolveUrl(http.baseUrl, params.path);
    const started = performance.now();
    const response = await http.request(params.path, { method: params.method, headers: params.headers, signal });
    await readLimitedBody(response, signal);
    const ms = performance.now() - started;
    const window = [...history.filter((h) => now - h.t <= params.windowSeconds * 1000).map((h) => h.value), ms].sort((a, b) => a - b);
    // The nearest-rank quantile: a reading that was actually measured, never an interpolation.
    const quantileMs = window[Math.min(window.length - 1, Math.ceil(params.quantile * window.length) - 1)]!;
    return { url: url.href, ms, quantileMs, samples: window.length };
  },
  judge({ url, ms, quantileMs, samples }, params) {
    const label = `P${Math.round(params.quantile * 100)}`;
    if (samples < params.minSamples) return { summary: `${formatMs(ms)} now; ${label} needs ${params.minSamples} readings, have ${samples}`, findings: [] };
    const summary = `${label} ${formatMs(quantileMs)} over ${samples} readings (SLA ${formatMs(params.slaMs)}), ${formatMs(ms)} now`;
    const verdict = above(quantileMs, { warn: params.slaMs }, formatMs);
    if (!verdict.severity) return { summary, findings: [] };
    const finding = raise(latencySla, verdict.severity, `${new URL(url).pathname}: ${label} ${formatMs(quantileMs)} ≥ SLA ${formatMs(params.slaMs)}`, {
      url,
      quantileMs: Math.round(quantileMs * 10) / 10,
      slaMs: params.slaMs,
      samples,
      rule: verdict.rule,
    });
    return { summary, findings: [finding] };
  },
});
