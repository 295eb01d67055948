import { describe, expect, it } from "vitest";
import type { HttpResponse } from "@/lib/clients/http";
import { judgeResponseWords, readResponseWords } from "./response-words";

const response = (status: number, headers: Record<string, string>) => ({ status, headers: new Headers(headers) }) as unknown as HttpResponse;
const NOW = Date.parse("2026-11-30T12:00:00Z");

describe("readResponseWords", () => {
  it("reads Retry-After, the rate limit left with its reset from now, and an error code in the body", () => {
    const reset = NOW / 1000 + 1800;
    const read = readResponseWords(
      response(503, { "retry-after": "30", "x-ratelimit-limit": "1000", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) }),
      { error: { code: "AUTH_005", message: "Circuit Breaker Open" } },
      NOW,
    );
    expect(read).toEqual({ retryAfter: "30", rateLimit: { limit: 1000, remaining: 0, resetsIn: "30 min" }, errorCode: "AUTH_005" });
  });

  it("takes a reset in seconds from now as it is, and finds codes where APIs put them", () => {
    expect(readResponseWords(response(429, { "x-ratelimit-limit": "60", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "42" }), undefined, NOW)).toEqual({
      rateLimit: { limit: 60, remaining: 0, resetsIn: "42 s" },
    });
    expect(readResponseWords(response(500, {}), { code: "E_WEIRD" }, NOW)).toEqual({ errorCode: "E_WEIRD" });
    expect(readResponseWords(response(400, {}), { error_code: "AUTH_012" }, NOW)).toEqual({ errorCode: "AUTH_012" });
    expect(readResponseWords(response(200, {}), { status: "ok" }, NOW)).toEqual({});
  });
});

describe("judgeResponseWords", () => {
  it("says them in words and raises the rate limit and the AUTH code", () => {
    const judged = judgeResponseWords(503, { retryAfter: "30", rateLimit: { limit: 1000, remaining: 0, resetsIn: "30 min" }, errorCode: "AUTH_005" });
    expect(judged.words).toEqual(["retry after 30 s", "rate limit 0 of 1,000 left, resets in 30 min", "AUTH_005 Circuit Breaker Open (HTTP 503)"]);
    expect(judged.findings.map((f) => [f.definition.id, f.severity, f.summary])).toEqual([
      ["http.rate-limited", "warn", "rate limited (0 of 1000 left, resets in 30 min), retry after 30"],
      ["http.auth-005", "crit", "AUTH_005 Circuit Breaker Open (HTTP 503), retry after 30 s"],
    ]);
  });

  it("a code's severity is its own status's: a 401 code warns, a 5xx code is critical; an unknown code is only named", () => {
    expect(judgeResponseWords(401, { errorCode: "AUTH_010" }).findings.map((f) => [f.definition.id, f.severity])).toEqual([["http.auth-010", "warn"]]);
    expect(judgeResponseWords(500, { errorCode: "AUTH_003" }).findings.map((f) => [f.definition.id, f.severity])).toEqual([["http.auth-003", "crit"]]);
    expect(judgeResponseWords(500, { errorCode: "E_WEIRD" })).toEqual({ words: ["error E_WEIRD"], findings: [] });
    expect(judgeResponseWords(200, {})).toEqual({ words: [], findings: [] });
  });

  it("a 429 is rate limited even without rate-limit headers; a limit with some left is only said", () => {
    expect(judgeResponseWords(429, { retryAfter: "30" }).findings.map((f) => f.summary)).toEqual(["rate limited, retry after 30"]);
    expect(judgeResponseWords(200, { rateLimit: { limit: 1000, remaining: 1 } })).toEqual({ words: ["rate limit 1 of 1,000 left"], findings: [] });
  });
});
