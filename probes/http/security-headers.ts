import { z } from "zod";
import { resolveUrl } from "@/lib/probe-kit/resolve-url";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { amount, below, plain } from "@/lib/probe-kit/bounds";
import { formatAge } from "@/lib/probe-kit/format";
import { requestCommand, requestSpec, type RequestParams } from "./request-spec";

export const securityHeadersMissing = defineFinding({
  id: "http.security-headers-missing",
  title: "Security headers missing",
  severities: ["warn"],
  cause: "Responses lack headers browsers rely on: without Strict-Transport-Security (max-age of a year or more) a first visit can be downgraded to HTTP; without X-Content-Type-Options: nosniff, content can be misread as script. Usually a middleware not applied or switched off by configuration (ENABLE_HSTS).",
  steps: ["Check that the security-headers middleware wraps every route.", "Check the configuration that switches HSTS on in production.", "Verify with curl -I after the deploy."],
  commands: (target, _evidence, params: RequestParams) => [`${requestCommand(target, params, { headersOnly: true })} | grep -iE 'strict-transport-security|x-content-type-options|x-frame-options|content-security-policy'`],
  matches: ["Security headers missing", "Strict-Transport-Security", "HSTS disabled", "grade < A"],
});

const DAY_SECONDS = 86_400;

export const httpSecurityHeaders = defineProbe({
  id: "http.security-headers",
  title: "Security headers",
  reads: "HSTS (`max-age` ≥ a year), `X-Content-Type-Options` and the headers required",
  kind: "http",
  params: z.strictObject({
    ...requestSpec,
    require: z.array(z.string().toLowerCase()).default(["strict-transport-security", "x-content-type-options"]).describe("Headers every answer must carry"),
    // A year (365 days) is the usual minimum, so a year's max-age passes and anything shorter warns.
    hstsWarnDays: amount(364, "Warn when the HSTS max-age is this many days or fewer"),
  }),
  renamed: { hstsMinSeconds: "hstsWarnDays" },
  data: z.object({
    url: z.string(),
    present: z.array(z.string()),
    missing: z.array(z.string()),
    hstsMaxAge: z.number().nullable(),
    /** X-Content-Type-Options as sent, null when absent. */
    contentTypeOptions: z.string().nullable(),
  }),
  findings: [securityHeadersMissing],
  command: (target, params) => requestCommand(target, params, { headersOnly: true }),
  async read(http, params, signal) {
    const url = resolveUrl(http.baseUrl, params.path);
    const response = await http.request(params.path, { method: params.method, headers: params.headers, signal });
    await response.body?.cancel();
    const hsts = response.headers.get("strict-transport-security");
    return {
      url: url.href,
      present: params.require.filter((name) => response.headers.has(name)),
      missing: params.require.filter((name) => !response.headers.has(name)),
      hstsMaxAge: hsts ? Number(/max-age=(\d+)/i.exec(hsts)?.[1] ?? 0) : null,
      contentTypeOptions: response.headers.get("x-content-type-options"),
    };
  },
  judge({ url, present, missing, hstsMaxAge, contentTypeOptions }, params) {
    const problems = missing.map((name) => `${name} missing`);
    const hsts = hstsMaxAge === null ? undefined : below(hstsMaxAge / DAY_SECONDS, { warn: params.hstsWarnDays }, (days) => `${plain(days)} ${days === 1 ? "day" : "days"}`);
    if (hsts?.severity) problems.push(`HSTS max-age ${hsts.rule}`);
    if (contentTypeOptions && contentTypeOptions.toLowerCase() !== "nosniff") problems.push(`x-content-type-options is "${contentTypeOptions}", not nosniff`);
    if (problems.length === 0) return { summary: `${present.join(", ")} present${hstsMaxAge ? `, HSTS max-age ${formatAge(hstsMaxAge * 1000)}` : ""}`, findings: [] };
    const summary = `${new URL(url).pathname}: ${problems.join(", ")}`;
    return { summary, findings: [raise(securityHeadersMissing, "warn", summary, { url, missing, hstsMaxAge, ...(hsts?.severity ? { rule: hsts.rule } : {}) })] };
  },
});
