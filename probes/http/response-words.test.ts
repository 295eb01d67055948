import { describe, expect, it } from "vitest";
import type { HttpResponse } from "@/lib/clients/http";
import { readResponseWords } from "./response-words";

const response = (status: number, headers: Record<string, string>) => ({ status, headers: new Headers(headers) }) as unknown as HttpResponse;

describe("readResponseWords", () => {
  it("says Retry-After, the rate limit left and an AUTH code in words, and raises their findings", () => {
    // Half a minute of slack, so the words do not depend on when in the second the test runs.
    const reset = Math.floor(Date.now() / 1000) + 1830;
    const words = readResponseWords(
      response(503, { "retry-after": "30", "x-ratelimit-limit": "1000", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) }),
      { error: { code: "AUTH_005", message: "Circuit Breaker Open" } },
    );
    expect(words.words).toEqual(["retry after 30 s", "rate limit 0 of 1,000 left, resets in 30 min", "AUTH_005 Circuit Breaker Open (HTTP 503)"]);
    expect(words.findings.map((f) => [f.definition.id, f.severity])).toEqual([
      ["http.rate-limited", "warn"],
      ["http.auth-005", "crit"],
    ]);
  });

  it("a 401 code is a warning, an unknown code is named as it is, a plain answer says nothing", () => {
    expect(readResponseWords(response(401, {}), { error: { code: "AUTH_010" } }).findings.map((f) => [f.definition.id, f.severity])).toEqual([["http.auth-010", "warn"]]);
    expect(readResponseWords(response(500, {}), { code: "E_WEIRD" }).words).toEqual(["error E_WEIRD"]);
    expect(readResponseWords(response(200, {}), { status: "ok" })).toEqual({ words: [], findings: [] });
  });
});
