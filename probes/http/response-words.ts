import type { HttpResponse } from "@/lib/clients/http";
import { defineFinding, raise, type RaisedFinding } from "@/lib/probe-kit/define-finding";
import { formatAge } from "@/lib/probe-kit/format";
import { AUTH_ERROR_FINDINGS, authErrorWords } from "./auth-errors";
import { valueAt } from "./json-path";

export const rateLimited = defineFinding({
  id: "http.rate-limited",
  title: "Rate limit reached",
  cause: "The service refuses more requests from this caller until its window resets (HTTP 429, X-RateLimit-Remaining: 0): a burst, a retry loop, or a plan whose limit is too low.",
  steps: ["Read X-RateLimit-Reset for when it lifts, and honour Retry-After.", "Find the caller that spends the quota (a loop retrying without backoff).", "Raise the limit (a higher plan) if the traffic is legitimate."],
  commands: (target) => [target.http(undefined)],
  matches: ["429 Too Many Requests", "X-RateLimit-Remaining: 0", "Rate limit exceeded", "rate limit"],
});

export interface ResponseWords {
  words: string[];
  findings: RaisedFinding[];
  retryAfter?: string;
  rateLimit?: { limit: number; remaining: number; resetsIn?: string };
  errorCode?: string;
}

/** What a response says beyond its status: Retry-After, X-RateLimit-*, an error code in its body, in words. */
export function readResponseWords(response: HttpResponse, body: unknown): ResponseWords {
  const out: ResponseWords = { words: [], findings: [] };
  const retryAfter = response.headers.get("retry-after");
  if (retryAfter) {
    out.retryAfter = retryAfter;
    out.words.push(`retry after ${/^\d+$/.test(retryAfter) ? `${retryAfter} s` : retryAfter}`);
  }
  const limit = response.headers.get("x-ratelimit-limit");
  const remaining = response.headers.get("x-ratelimit-remaining");
  if (limit !== null && remaining !== null) {
    const reset = Number(response.headers.get("x-ratelimit-reset"));
    // X-RateLimit-Reset is either epoch seconds or seconds from now.
    const resetsInMs = reset > 1e9 ? reset * 1000 - Date.now() : reset * 1000;
    const resetsIn = Number.isFinite(reset) && reset > 0 ? formatAge(Math.max(0, resetsInMs)) : undefined;
    out.rateLimit = { limit: Number(limit), remaining: Number(remaining), ...(resetsIn ? { resetsIn } : {}) };
    out.words.push(`rate limit ${Number(remaining).toLocaleString("en-US")} of ${Number(limit).toLocaleString("en-US")} left${resetsIn ? `, resets in ${resetsIn}` : ""}`);
  }
  if (response.status === 429 || (out.rateLimit && out.rateLimit.remaining <= 0)) {
    out.findings.push(raise(rateLimited, "warn", `rate limited${out.rateLimit ? ` (0 of ${out.rateLimit.limit} left${out.rateLimit.resetsIn ? `, resets in ${out.rateLimit.resetsIn}` : ""})` : ""}${retryAfter ? `, retry after ${retryAfter}` : ""}`, { status: response.status, ...out.rateLimit }));
  }
  const code = [valueAt(body, "error.code"), valueAt(body, "code"), valueAt(body, "error_code")].find((c): c is string => typeof c === "string");
  if (code) {
    out.errorCode = code;
    const words = authErrorWords(code);
    out.words.push(words ?? `error ${code}`);
    const definition = AUTH_ERROR_FINDINGS.get(code);
    if (definition) out.findings.push(raise(definition, response.status >= 500 ? "crit" : "warn", `${words}${retryAfter ? `, retry after ${retryAfter} s` : ""}`, { code, status: response.status }));
  }
  return out;
}
