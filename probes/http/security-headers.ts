import { z } from "zod";
import { resolveUrl } from "@/lib/probe-kit/resolve-url";
import { defineFinding, raise } from "@/lib/probe-kit/define-finding";
import { defineProbe } from "@/lib/probe-kit/define-probe";
import { formatAge } from "@/lib/probe-kit/format";
import { requestCommand, requestSpec, type RequestParams } from "./request-spec";

export const securityHeadersMissing = defineFinding({
  id: "http.security-headers-missing",
  title: "Security headers missing",
  cause: "Responses lack headers browsers rely on: without Strict-Transport-Security (max-age of a year or more) a first visit can be downgraded to HTTP; without X-Content-Type-Options: nosniff, content can be misread as script. Usually a middleware not applied or switched off by configuration (ENABLE_HSTS).",
  steps: ["Check that the security-headers middleware wraps every route.", "Check the configuration that switches HSTS on in production.", "Verify with curl -I after the deploy."],
  commands: (target, _evidence, params: RequestParams) => [`${requestCommand(target, params, { headersOnly: true })} | grep -iE 'strict-transport-security|x-content-type-options|x-frame-options|content-security-policy'`],
  matches: ["Security headers missing", "Strict-Transport-Security", "HSTS disabled", "grade < A"],
});

export const httpSecurityHeaders = defineProbe({
  id: "http.security-headers",
  title: "Security headers",
  kind: "http",
  params: z.strictObject({
    ...requestSpec,
    require: z.array(z.string().toLowerCase()).default(["strict-transport-security", "x-content-type-options"]).describe("Headers every answer must carry"),
    hstsMinSeconds: z.number().int().min(0).default(31_536_000).describe("Smallest acceptable HSTS max-age (a year)"),
  }),
  data: z.object({ url: z.string(), present: z.array(z.string()), missing: z.array(z.string()), hstsMaxAge: z.number().nullable() }),
  findings: [securityHeadersMissing],
  command: (target, params) => requestCommand(target, params, { headersOnly: true }),
  async run(http, params, signal) {
    const url = resolveUrl(http.baseUrl, params.path);
    const response = await http.request(params.path, { method: params.method, headers: params.headers, signal });
    await response.body?.cancel();
    const present = params.require.filter((name) => response.headers.has(name));
    const missing = params.require.filter((name) => !response.headers.has(name));
    const hsts = response.headers.get("strict-transport-security");
    const hstsMaxAge = hsts ? Number(/max-age=(\d+)/i.exec(hsts)?.[1] ?? 0) : null;
    const problems = [...missing.map((name) => `${name} missing`)];
    if (hstsMaxAge !== null && hstsMaxAge < params.hstsMinSeconds) problems.push(`HSTS max-age ${formatAge(hstsMaxAge * 1000)}, under ${formatAge(params.hstsMinSeconds * 1000)}`);
    const x = response.headers.get("x-content-type-options");
    if (x && x.toLowerCase() !== "nosniff") problems.push(`x-content-type-options is "${x}", not nosniff`);
    const data = { url: url.href, present, missing, hstsMaxAge };
    if (problems.length === 0) return { status: "ok", summary: `${present.join(", ")} present${hstsMaxAge ? `, HSTS max-age ${formatAge(hstsMaxAge * 1000)}` : ""}`, data };
    const summary = `${url.pathname}: ${problems.join(", ")}`;
    return { status: "warn", summary, data, findings: [raise(securityHeadersMissing, "warn", summary, { url: url.href, missing, hstsMaxAge })] };
  },
});
