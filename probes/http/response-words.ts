import { z } from "zod";
import type { HttpResponse } from "@/lib/clients/http";
import { defineFinding, raise, type FindingDefinition, type RaisedFinding } from "@/lib/probe-kit/define-finding";
import { formatAge } from "@/lib/probe-kit/format";
import { httpAction } from "./action";
import { AUTH_ERROR_FINDINGS, authError } from "./auth-errors";
import { valueAt } from "./json-path";
import { requestCommand, type RequestParams } from "./request-spec";

export const rateLimited = defineFinding({
  id: "http.rate-limited",
  title: "Rate limit reached",
  severities: ["warn"],
  cause: "The service refuses more requests from this caller until its window resets (HTTP 429, X-RateLimit-Remaining: 0): a burst, a retry loop, or a plan whose limit is too low.",
  steps: [
    "Read X-RateLimit-Reset for when it lifts, and honour Retry-After.",
    "Find the caller that spends the quota (a loop retrying without backoff).",
    "Raise the limit (a higher plan) if the traffic is legitimate.",
    "If the limiter is the service's own, switched on in an emergency and left on, switch it off once the overload is over.",
  ],
  commands: (target, _evidence, params: RequestParams) => [requestCommand(target, params)],
  fixes: [httpAction],
  matches: ["429 Too Many Requests", "X-RateLimit-Remaining: 0", "Rate limit exceeded", "rate limit"],
});

/** Every finding the words of a response can raise: a probe whose judge reads them lists these. */
export const RESPONSE_WORD_FINDINGS: FindingDefinition[] = [rateLimited as unknown as FindingDefinition, ...AUTH_ERROR_FINDINGS.values()];

/** What a response says beyond its status, as a probe's data keeps it. */
export const responseWordsShape = {
  retryAfter: z.string().optional(),
  rateLimit: z.object({ limit: z.number(), remaining: z.number(), resetsIn: z.string().optional() }).optional(),
  errorCode: z.string().optional(),
};

export type ResponseWords = z.infer<z.ZodObject<typeof responseWordsShape>>;

/** Reads Retry-After, X-RateLimit-* and an error code in the body; `now` places an epoch reset in time. */
export function readResponseWords(response: HttpResponse, body: unknown, now: number): ResponseWords {
  const words: ResponseWords = {};
  const retryAfter = response.headers.get("retry-after");
  if (retryAfter) words.retryAfter = retryAfter;
  const limit = response.headers.get("x-ratelimit-limit");
  const remaining = response.headers.get("x-ratelimit-remaining");
  if (limit !== null && remaining !== null) {
    const reset = Number(response.headers.get("x-ratelimit-reset"));
    // X-RateLimit-Reset is either epoch seconds or seconds from now.
    const resetsInMs = reset > 1e9 ? reset * 1000 - now : reset * 1000;
    const resetsIn = Number.isFinite(reset) && reset > 0 ? formatAge(Math.max(0, resetsInMs)) : undefined;
    words.rateLimit = { limit: Number(limit), remaining: Number(remaining), ...(resetsIn ? { resetsIn } : {}) };
  }
  const code = [valueAt(body, "error.code"), valueAt(body, "code"), valueAt(body, "error_code")].find((c): c is string => typeof c === "string");
  if (code) words.errorCode = code;
  return words;
}

/** The response's words for a summary, and the known problems they name. */
export function judgeResponseWords(httpStatus: number, { retryAfter, rateLimit, errorCode }: ResponseWords): { words: string[]; findings: RaisedFinding[] } {
  const words: string[] = [];
  const findings: RaisedFinding[] = [];
  if (retryAfter) words.push(`retry after ${/^\d+$/.test(retryAfter) ? `${retryAfter} s` : retryAfter}`);
  if (rateLimit) {
    words.push(`rate limit ${rateLimit.remaining.toLocaleString("en-US")} of ${rateLimit.limit.toLocaleString("en-US")} left${rateLimit.resetsIn ? `, resets in ${rateLimit.resetsIn}` : ""}`);
  }
  if (httpStatus === 429 || (rateLimit && rateLimit.remaining <= 0)) {
    const left = rateLimit ? ` (${rateLimit.remaining} of ${rateLimit.limit} left${rateLimit.resetsIn ? `, resets in ${rateLimit.resetsIn}` : ""})` : "";
    findings.push(raise(rateLimited, "warn", `rate limited${left}${retryAfter ? `, retry after ${retryAfter}` : ""}`, { status: httpStatus, ...rateLimit }));
  }
  if (errorCode) {
    const known = authError(errorCode);
    words.push(known?.words ?? `error ${errorCode}`);
    if (known) findings.push(raise(known.finding, known.severity, `${known.words}${retryAfter ? `, retry after ${retryAfter} s` : ""}`, { code: errorCode, status: httpStatus }));
  }
  return { words, findings };
}
