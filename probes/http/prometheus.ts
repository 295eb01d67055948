import { z } from "zod";
import { resolveUrl } from "@/lib/probe-kit/resolve-url";
import { boundsShape, hasBounds, judgeBounds, NEEDS_BOUNDS } from "@/lib/probe-kit/bounds";
import { defineFinding, raise, type RaisedFinding } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { ProbeReadError } from "@/lib/probe-kit/read-error";
import { shellQuote } from "@/lib/probe-kit/shell";
import { bucketDelta, buckets, parsePrometheusText, parseSelector, quantileFromBuckets, sum, type Sample } from "./prometheus-text";
import { MAX_METRICS_BYTES, readLimitedBody, requireOk } from "./read-body";
import { requestCommand, requestSpec, type RequestParams } from "./request-spec";

export const prometheusThreshold = defineFinding({
  id: "http.prometheus-threshold",
  title: "A service metric is out of bounds",
  severities: ["warn", "crit"],
  cause: "One of the service's golden signals, read from its own Prometheus metrics, crossed its threshold: errors above their usual share, a latency quantile over its SLA, or a gauge (connections, goroutines, memory) outside its limits.",
  steps: [
    "Read which signal and its value beside the rule.",
    "For errors: which status codes and routes, and whether a dependency it calls is failing (its breakers).",
    "For latency: which dependency got slower at the same moment.",
  ],
  commands: (target, evidence, params: RequestParams) => [`${requestCommand(target, { ...params, path: params.path ?? "/metrics" })} | grep ${shellQuote(String(evidence.metric ?? ""))}`],
  matches: ["error rate", "p99 latency", "Error Rates"],
});

const ruleSchema = z
  .union([
    z.strictObject({ title: z.string(), ratio: z.strictObject({ numerator: z.string(), denominator: z.string() }).describe("Share of one counter's increase in another's between two scrapes"), ...boundsShape }),
    z.strictObject({ title: z.string(), quantile: z.strictObject({ histogram: z.string(), q: z.number().min(0).max(1) }).describe("A quantile from histogram buckets between two scrapes, in the histogram's unit"), ...boundsShape }),
    z.strictObject({ title: z.string(), gauge: z.string().describe("A series selector; matching series are summed"), ...boundsShape }),
  ])
  .refine(hasBounds, { error: NEEDS_BOUNDS });

type Rule = z.infer<typeof ruleSchema>;
const selectorOf = (rule: Rule) => ("ratio" in rule ? rule.ratio.numerator : "quantile" in rule ? rule.quantile.histogram : rule.gauge);

/** Raw counters and buckets of one scrape, kept for the next scrape's differences. */
interface Scrape {
  counters: Record<string, number>;
  buckets: Record<string, Record<string, number>>;
}

/** A rule's number, or why there is none yet, or the metric the page lacks. */
type RuleReading = { value: number } | { value: null; reason: string } | { absent: string };

function readRatio(rule: Extract<Rule, { ratio: unknown }>, samples: Sample[], before: Scrape | undefined, scrape: Scrape): RuleReading {
  const { numerator, denominator } = rule.ratio;
  // A counter lower than before was reset: its increase is unknown until the next scrape.
  const increase = (selector: string) => {
    const count = sum(samples, parseSelector(selector));
    scrape.counters[selector] = count;
    const was = before?.counters[selector] ?? 0;
    return before && count >= was ? count - was : undefined;
  };
  const [dNum, dDen] = [increase(numerator), increase(denominator)];
  if (dNum === undefined || dDen === undefined) return { value: null, reason: "first scrape; the ratio needs two" };
  if (dDen === 0) return { value: null, reason: "no traffic since the last scrape" };
  return { value: dNum / dDen };
}

function readQuantile(rule: Extract<Rule, { quantile: unknown }>, samples: Sample[], before: Scrape | undefined, scrape: Scrape): RuleReading {
  const now = buckets(samples, parseSelector(rule.quantile.histogram));
  scrape.buckets[rule.title] = now;
  if (!before) return { value: null, reason: "first scrape; the quantile needs two" };
  const value = quantileFromBuckets(rule.quantile.q, bucketDelta(now, before.buckets[rule.title]));
  return value === undefined ? { value: null, reason: "no observations since the last scrape" } : { value };
}

function readGauge(rule: Extract<Rule, { gauge: string }>, samples: Sample[]): RuleReading {
  const selector = parseSelector(rule.gauge);
  return samples.some((s) => s.name === selector.name) ? { value: sum(samples, selector) } : { absent: selector.name };
}

export const httpPrometheus = defineProbe({
  id: "http.prometheus",
  title: "Service metrics",
  reads: "Prometheus text: error ratios and histogram quantiles between two scrapes, gauges",
  kind: "http",
  params: z.strictObject({ ...requestSpec, rules: z.array(ruleSchema).min(1) }),
  data: z.object({
    url: z.string(),
    series: z.number(),
    counters: z.record(z.string(), z.number()),
    buckets: z.record(z.string(), z.record(z.string(), z.number())),
    /** Each rule's number since the previous scrape, or why there is none yet. */
    values: z.array(z.object({ title: z.string(), value: z.number().nullable(), reason: z.string().optional() })),
  }),
  findings: [prometheusThreshold],
  command: (target, params) => requestCommand(target, { ...params, path: params.path ?? "/metrics" }),
  async read(http, params, signal, { previous }) {
    const path = params.path ?? "/metrics";
    const url = resolveUrl(http.baseUrl, path);
    const response = await http.request(path, { method: "GET", headers: params.headers, signal });
    await requireOk(response, url, "no metrics to read");
    const samples = parsePrometheusText(await readLimitedBody(response, signal, MAX_METRICS_BYTES));
    const before = previous?.data;
    const scrape: Scrape = { counters: {}, buckets: {} };
    const read = params.rules.map((rule) => ({
      title: rule.title,
      ...("ratio" in rule ? readRatio(rule, samples, before, scrape) : "quantile" in rule ? readQuantile(rule, samples, before, scrape) : readGauge(rule, samples)),
    }));
    const absent = read.flatMap((r) => ("absent" in r ? [r.absent] : []));
    if (absent.length > 0) throw new ProbeReadError(`no series ${absent.join(", ")} in ${url.pathname}`);
    const values = read.flatMap((r) => ("absent" in r ? [] : [r]));
    return { url: url.href, series: samples.length, ...scrape, values };
  },
  judge(data, params) {
    const findings: RaisedFinding[] = [];
    const verdicts = params.rules.map((rule, index) => {
      // read keeps one value per rule, in the rules' order.
      const { value, reason } = data.values[index]!;
      if (value === null) return `${rule.title}: ${reason}`;
      const verdict = judgeBounds(value, rule);
      const said = `${rule.title}: ${verdict.rule}`;
      if (verdict.severity) findings.push(raise(prometheusThreshold, verdict.severity, said, { url: data.url, metric: selectorOf(rule).split("{")[0], value, rule: verdict.rule }));
      return said;
    });
    return { summary: `${data.series} series; ${verdicts.join(", ")}`, findings };
  },
});
