import { z } from "zod";
import { resolveUrl } from "@/lib/probe-kit/resolve-url";
import { defineFinding, raise, type RaisedFinding } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatMs } from "@/lib/probe-kit/format";
import { worstSeverity } from "@/lib/probe-kit/thresholds";
import { numberAt } from "./json-path";
import { readLimitedBody } from "./read-body";
import { requestCommand, requestSpec, type RequestParams } from "./request-spec";
import { readResponseWords } from "./response-words";

export const jsonThreshold = defineFinding({
  id: "http.json-threshold",
  title: "A reported number is out of bounds",
  cause: "A number the service reports about itself (hit rate, latency, memory used, cache entries) crossed the threshold the team set for it.",
  steps: ["Read which number and its value beside the rule.", "Follow the service's runbook for that number: a low hit rate points at the cache, high memory at leaks or cache size, high latency at a slow dependency."],
  commands: (target, _evidence, params: RequestParams) => [requestCommand(target, params)],
  matches: ["cache hit rate < 80%", "API response times > 100ms", "High Memory Usage", "Memory alerts triggered"],
});

const ruleSchema = z
  .strictObject({
    title: z.string().describe("What the number means, shown in findings"),
    field: z.string().describe('Dotted path to the number, e.g. "cache_hit_rate" or "dependencies.cache.entries.primary"'),
    of: z.string().optional().describe("Dotted path to a limit: the rule then judges field ÷ of (memory used of its limit)"),
    warnAbove: z.number().optional(),
    critAbove: z.number().optional(),
    warnBelow: z.number().optional(),
    critBelow: z.number().optional(),
  })
  .refine((r) => [r.warnAbove, r.critAbove, r.warnBelow, r.critBelow].some((t) => t !== undefined), { error: "a rule needs warnAbove, critAbove, warnBelow or critBelow" });

type Rule = z.infer<typeof ruleSchema>;

/** The rule's verdict on a value, with the value beside the threshold it broke. */
export function judgeRule(rule: Rule, value: number): { severity?: "warn" | "crit"; words: string } {
  const show = (n: number) => (rule.of ? `${Math.round(n * 1000) / 10} %` : n.toLocaleString("en-US", { maximumFractionDigits: 3 }));
  const checks: [number | undefined, "warn" | "crit", boolean, string][] = [
    [rule.critAbove, "crit", rule.critAbove !== undefined && value > rule.critAbove, ">"],
    [rule.critBelow, "crit", rule.critBelow !== undefined && value < rule.critBelow, "<"],
    [rule.warnAbove, "warn", rule.warnAbove !== undefined && value > rule.warnAbove, ">"],
    [rule.warnBelow, "warn", rule.warnBelow !== undefined && value < rule.warnBelow, "<"],
  ];
  const broken = checks.find(([, , fired]) => fired);
  if (!broken) return { words: `${rule.title}: ${show(value)}` };
  return { severity: broken[1], words: `${rule.title}: ${show(value)} ${broken[3]} ${show(broken[0]!)} (${broken[1]})` };
}

export const httpJson = defineProbe({
  id: "http.json",
  title: "Reported numbers",
  kind: "http",
  params: z.strictObject({
    ...requestSpec,
    rules: z.array(ruleSchema).min(1),
  }),
  data: z.object({ url: z.string(), httpStatus: z.number(), values: z.array(z.object({ title: z.string(), value: z.number().nullable(), verdict: z.string() })) }),
  findings: [jsonThreshold],
  command: (target, params) => requestCommand(target, params),
  async run(http, params, signal) {
    const url = resolveUrl(http.baseUrl, params.path);
    const started = performance.now();
    const response = await http.request(params.path, { method: params.method, headers: params.headers, signal });
    const latencyMs = performance.now() - started;
    let body: unknown;
    try {
      body = JSON.parse(await readLimitedBody(response, signal));
    } catch {
      return { status: "error", summary: `HTTP ${response.status} from ${url.pathname}${url.search}, but the body is not JSON`, data: { url: url.href, httpStatus: response.status, values: [] }, latencyMs };
    }
    const words = readResponseWords(response, body);
    const findings: RaisedFinding[] = [...words.findings];
    const values = params.rules.map((rule) => {
      const value = numberAt(body, rule.field);
      const limit = rule.of ? numberAt(body, rule.of) : undefined;
      const judged = value === undefined || (rule.of && !limit) ? undefined : rule.of ? value / limit! : value;
      if (judged === undefined) return { title: rule.title, value: null, verdict: `${rule.title}: ${rule.field} not in the answer` };
      const verdict = judgeRule(rule, judged);
      if (verdict.severity) findings.push(raise(jsonThreshold, verdict.severity, verdict.words, { url: url.href, field: rule.field, value: judged, rule: verdict.words }));
      return { title: rule.title, value: judged, verdict: verdict.words };
    });
    const missing = values.filter((v) => v.value === null);
    const summary = [`HTTP ${response.status}`, ...values.map((v) => v.verdict), ...words.words, `in ${formatMs(latencyMs)}`].join(", ");
    const data = { url: url.href, httpStatus: response.status, values };
    const severity = worstSeverity(findings.map((f) => f.severity));
    if (severity) return { status: severity, summary, data, latencyMs, findings };
    return { status: missing.length ? "error" : "ok", summary, data, latencyMs };
  },
});
