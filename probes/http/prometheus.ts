import { z } from "zod";
import { resolveUrl } from "@/lib/probe-kit/resolve-url";
import { defineFinding, raise, type RaisedFinding } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { worstSeverity } from "@/lib/probe-kit/thresholds";
import { judgeRule } from "./json";
import { bucketDelta, buckets, parsePrometheusText, parseSelector, quantileFromBuckets, sum } from "./prometheus-text";
import { readLimitedBody } from "./read-body";
import { requestCommand, requestSpec, type RequestParams } from "./request-spec";
import { shellQuote } from "@/lib/probe-kit/shell";

export const prometheusThreshold = defineFinding({
  id: "http.prometheus-threshold",
  title: "A service metric is out of bounds",
  cause: "One of the service's golden signals, read from its own Prometheus metrics, crossed its threshold: errors above their usual share, a latency quantile over its SLA, or a gauge (connections, goroutines, memory) outside its limits.",
  steps: [
    "Read which signal and its value beside the rule.",
    "For errors: which status codes and routes, and whether a dependency it calls is failing (its breakers).",
    "For latency: which dependency got slower at the same moment.",
  ],
  commands: (target, evidence, params: RequestParams) => [`${requestCommand(target, { ...params, path: params.path ?? "/metrics" })} | grep ${shellQuote(String(evidence.metric ?? ""))}`],
  matches: ["error rate", "p99 latency", "Error Rates"],
});

const limits = { warnAbove: z.number().optional(), critAbove: z.number().optional(), warnBelow: z.number().optional(), critBelow: z.number().optional() };

const ruleSchema = z.union([
  z.strictObject({ title: z.string(), ratio: z.strictObject({ numerator: z.string(), denominator: z.string() }).describe("Share of one counter's increase in another's between two scrapes"), ...limits }),
  z.strictObject({ title: z.string(), quantile: z.strictObject({ histogram: z.string(), q: z.number().min(0).max(1) }).describe("A quantile from histogram buckets between two scrapes, in the histogram's unit"), ...limits }),
  z.strictObject({ title: z.string(), gauge: z.string().describe("A series selector; matching series are summed"), ...limits }),
]);

type Rule = z.infer<typeof ruleSchema>;
const selectorOf = (rule: Rule) => ("ratio" in rule ? rule.ratio.numerator : "quantile" in rule ? rule.quantile.histogram : rule.gauge);

export const httpPrometheus = defineProbe({
  id: "http.prometheus",
  title: "Service metrics",
  kind: "http",
  params: z.strictObject({ ...requestSpec, rules: z.array(ruleSchema).min(1) }),
  data: z.object({
    url: z.string(),
    series: z.number(),
    /** Raw counters and buckets, kept for the next run's differences. */
    counters: z.record(z.string(), z.number()),
    buckets: z.record(z.string(), z.record(z.string(), z.number())),
    values: z.array(z.object({ title: z.string(), value: z.number().nullable(), verdict: z.string() })),
  }),
  findings: [prometheusThreshold],
  command: (target, params) => requestCommand(target, { ...params, path: params.path ?? "/metrics" }),
  async run(http, params, signal, { previous }) {
    const path = params.path ?? "/metrics";
    const url = resolveUrl(http.baseUrl, path);
    const response = await http.request(path, { method: "GET", headers: params.headers, signal });
    if (!response.ok) return { status: "crit", summary: `HTTP ${response.status} from ${url.pathname}`, data: { url: url.href, series: 0, counters: {}, buckets: {}, values: [] } };
    const samples = parsePrometheusText(await readLimitedBody(response, signal, 4 * 1024 * 1024));
    const counters: Record<string, number> = {};
    const histograms: Record<string, Record<string, number>> = {};
    const findings: RaisedFinding[] = [];
    const values = params.rules.map((rule) => {
      let value: number | undefined;
      let why = "";
      if ("ratio" in rule) {
        const num = sum(samples, parseSelector(rule.ratio.numerator));
        const den = sum(samples, parseSelector(rule.ratio.denominator));
        counters[rule.ratio.numerator] = num;
        counters[rule.ratio.denominator] = den;
        const before = previous?.data.counters;
        const dNum = before && num >= (before[rule.ratio.numerator] ?? 0) ? num - (before[rule.ratio.numerator] ?? 0) : undefined;
        const dDen = before && den >= (before[rule.ratio.denominator] ?? 0) ? den - (before[rule.ratio.denominator] ?? 0) : undefined;
        if (dNum === undefined || dDen === undefined) why = "first scrape; the ratio needs two";
        else if (dDen === 0) why = "no traffic since the last scrape";
        else value = dNum / dDen;
      } else if ("quantile" in rule) {
        const selector = parseSelector(rule.quantile.histogram);
        const now = buckets(samples, selector);
        histograms[rule.title] = now;
        const delta = bucketDelta(now, previous?.data.buckets[rule.title]);
        value = previous ? quantileFromBuckets(rule.quantile.q, delta) : undefined;
        if (value === undefined) why = previous ? "no observations since the last scrape" : "first scrape; the quantile needs two";
      } else {
        const selector = parseSelector(rule.gauge);
        if (samples.some((s) => s.name === selector.name)) value = sum(samples, selector);
        else why = `no series ${selector.name}`;
      }
      if (value === undefined) return { title: rule.title, value: null, verdict: `${rule.title}: ${why}` };
      const verdict = judgeRule({ ...rule, field: "" }, value);
      if (verdict.severity) findings.push(raise(prometheusThreshold, verdict.severity, verdict.words, { url: url.href, metric: selectorOf(rule).split("{")[0], value, rule: verdict.words }));
      return { title: rule.title, value, verdict: verdict.words };
    });
    const data = { url: url.href, series: samples.length, counters, buckets: histograms, values };
    const summary = `${samples.length} series; ${values.map((v) => v.verdict).join(", ")}`;
    return { status: worstSeverity(findings.map((f) => f.severity)) ?? "ok", summary, data, findings };
  },
});
