import type { Severity } from "@/lib/probe-kit/define-finding";
import { AUTH_ERROR_FINDINGS, authError } from "./auth-errors";
import type { ResponseWords } from "./response-words";

/**
 * Judging cases for a probe whose judge reads a response's words: one reading
 * per finding those words can raise, at its severity. `reading` builds the
 * probe's data from the answer's status and words.
 */
export function responseWordReadings<Data>(reading: (httpStatus: number, words: ResponseWords) => Data): { what: string; finding: string; severity: Severity; data: Data }[] {
  return [
    {
      what: "429 with Retry-After 30 and none of 1,000 requests left",
      finding: "http.rate-limited",
      severity: "warn",
      data: reading(429, { retryAfter: "30", rateLimit: { limit: 1000, remaining: 0, resetsIn: "30 min" } }),
    },
    ...[...AUTH_ERROR_FINDINGS.keys()].map((code) => {
      const { status, finding, severity } = authError(code)!;
      // Kong unavailable comes with Retry-After: 30, as the service sends it.
      const words = code === "AUTH_004" ? { errorCode: code, retryAfter: "30" } : { errorCode: code };
      return { what: `${code} in the body of an HTTP ${status}`, finding: finding.id, severity, data: reading(status, words) };
    }),
  ];
}
