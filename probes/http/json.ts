import { z } from "zod";
import { resolveUrl } from "@/lib/probe-kit/resolve-url";
import { boundsShape, hasBounds, judgeBounds, NEEDS_BOUNDS, plain } from "@/lib/probe-kit/bounds";
import { defineFinding, raise, type RaisedFinding } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatMs } from "@/lib/probe-kit/format";
import { ProbeReadError } from "@/lib/probe-kit/read-error";
import { numberAt } from "./json-path";
import { readJsonBody } from "./read-body";
import { requestCommand, requestSpec, type RequestParams } from "./request-spec";
import { judgeResponseWords, readResponseWords, RESPONSE_WORD_FINDINGS, responseWordsShape } from "./response-words";

export const jsonThreshold = defineFinding({
  id: "http.json-threshold",
  title: "A reported number is out of bounds",
  severities: ["warn", "crit"],
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
    ...boundsShape,
  })
  .refine(hasBounds, { error: NEEDS_BOUNDS });

type Rule = z.infer<typeof ruleSchema>;

// A share of a limit reads as a percentage with one decimal: "70.5 %".
const percent = (n: number) => `${Math.round(n * 1000) / 10} %`;

/** The rule's number from the answer: the field, or the field's share of its limit; else the path the answer lacks. */
function ruleValue(body: unknown, rule: Rule): { value: number } | { missing: string } {
  const value = numberAt(body, rule.field);
  if (value === undefined) return { missing: rule.field };
  if (!rule.of) return { value };
  const limit = numberAt(body, rule.of);
  return limit ? { value: value / limit } : { missing: rule.of };
}

export const httpJson = defineProbe({
  id: "http.json",
  title: "Reported numbers",
  reads: "numbers in a JSON answer against rules, value beside the rule",
  kind: "http",
  params: z.strictObject({
    ...requestSpec,
    rules: z.array(ruleSchema).min(1),
  }),
  data: z.object({
    url: z.string(),
    httpStatus: z.number(),
    /** A value is null only when the answer named a known problem instead of the number (AUTH_004, a 429). */
    values: z.array(z.object({ title: z.string(), value: z.number().nullable() })),
    ...responseWordsShape,
    latencyMs: z.number(),
  }),
  findings: [jsonThreshold, ...RESPONSE_WORD_FINDINGS],
  command: (target, params) => requestCommand(target, params),
  async read(http, params, signal, { now }) {
    const url = resolveUrl(http.baseUrl, params.path);
    const started = performance.now();
    const response = await http.request(params.path, { method: params.method, headers: params.headers, signal });
    const latencyMs = performance.now() - started;
    const body = await readJsonBody(response, url, signal);
    const words = readResponseWords(response, body, now);
    const read = params.rules.map((rule) => ({ title: rule.title, ...ruleValue(body, rule) }));
    const missing = read.flatMap((r) => ("missing" in r ? [r.missing] : []));
    // An answer that names its own known problem is judged as that problem; any other answer must hold every field.
    if (missing.length > 0 && judgeResponseWords(response.status, words).findings.length === 0) {
      throw new ProbeReadError(`HTTP ${response.status} from ${url.pathname}${url.search}: ${missing.join(", ")} not in the answer`);
    }
    const values = read.map((r) => ({ title: r.title, value: "value" in r ? r.value : null }));
    return { url: url.href, httpStatus: response.status, values, ...words, latencyMs };
  },
  judge(data, params) {
    const words = judgeResponseWords(data.httpStatus, data);
    const findings: RaisedFinding[] = [...words.findings];
    const verdicts = params.rules.map((rule, index) => {
      // read keeps one value per rule, in the rules' order.
      const { value } = data.values[index]!;
      if (value === null) return `${rule.title}: ${rule.field} not in the answer`;
      const verdict = judgeBounds(value, rule, rule.of ? percent : plain);
      const said = `${rule.title}: ${verdict.rule}`;
      if (verdict.severity) findings.push(raise(jsonThreshold, verdict.severity, said, { url: data.url, field: rule.field, value, rule: verdict.rule }));
      return said;
    });
    return { summary: [`HTTP ${data.httpStatus}`, ...verdicts, ...words.words, `in ${formatMs(data.latencyMs)}`].join(", "), findings };
  },
  latency: (data) => data.latencyMs,
});
