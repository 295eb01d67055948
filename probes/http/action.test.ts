import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { HttpClient } from "@/lib/clients/http";
import type { HttpAction } from "@/lib/probe-kit/define-fix";
import { FINDINGS, PROBES } from "../catalog";
import { actionRequestShape, httpAction } from "./action";

const RATE_LIMIT_OFF: HttpAction = { id: "ratelimit-off", title: "Switch the rate limiter off", method: "POST", path: "/admin/ratelimit", body: '{"enabled":false}', risk: "caution", for: ["http.rate-limited"] };
const BREAKER_RESET: HttpAction = { id: "breaker-reset", title: "Reset the Kong breaker", method: "POST", path: "/debug/circuit-breaker/reset", risk: "caution", for: ["http.breaker-open", "http.rate-limited"] };
const offered = (findingId: string, actions: HttpAction[]) => httpAction.paramsFrom({ findingId, evidence: {}, probeParams: {}, actions });

// A client that fails the test if the preview sends anything.
const silent: HttpClient = {
  baseUrl: new URL("http://127.0.0.1:7402/api"),
  request: () => {
    throw new Error("a preview sends nothing");
  },
};
const quiet = { signal: AbortSignal.timeout(1_000), actions: [RATE_LIMIT_OFF, BREAKER_RESET], progress: () => undefined };

describe("http.action", () => {
  it("re-runs every probe that can raise a finding offering it", () => {
    const offering = new Set(FINDINGS.filter((f) => f.fixes?.some((fix) => fix.id === httpAction.id)).map((f) => f.id));
    const raisers = PROBES.filter((probe) => probe.findings.some((f) => offering.has(f.id))).map((probe) => probe.id);
    expect([...httpAction.verify].sort()).toEqual(raisers.sort());
  });

  it("is offered with the first action the dependency declares for the finding, and not at all without one", () => {
    expect(offered("http.rate-limited", [RATE_LIMIT_OFF, BREAKER_RESET])).toEqual({ action: "ratelimit-off" });
    expect(offered("http.breaker-open", [RATE_LIMIT_OFF, BREAKER_RESET])).toEqual({ action: "breaker-reset" });
    expect(httpAction.offerTitle!({ action: "breaker-reset" }, { findingId: "http.breaker-open", evidence: {}, probeParams: {}, actions: [BREAKER_RESET] })).toBe("Reset the Kong breaker");
    expect(offered("http.breaker-half-open", [RATE_LIMIT_OFF, BREAKER_RESET])).toBeUndefined();
    expect(offered("http.rate-limited", [])).toBeUndefined();
  });

  it("previews the request it will send as its one target, without sending it; its state is the declaration", async () => {
    const params = httpAction.params.parse(offered("http.rate-limited", [RATE_LIMIT_OFF]));
    const preview = await httpAction.preview(silent, params, quiet);
    expect(preview.summary).toBe('Switch the rate limiter off: send POST /api/admin/ratelimit to 127.0.0.1:7402 with {"enabled":false}');
    expect(preview.targets).toEqual([
      {
        id: "ratelimit-off",
        label: 'POST http://127.0.0.1:7402/api/admin/ratelimit {"enabled":false}',
        details: { action: "ratelimit-off", method: "POST", url: "http://127.0.0.1:7402/api/admin/ratelimit", body: '{"enabled":false}' },
      },
    ]);
    expect(preview.state).toEqual(RATE_LIMIT_OFF);
    expect(preview.risk).toBe("caution");
  });

  it("acts on the estate's declaration only: an action it does not declare is refused", async () => {
    await expect(httpAction.preview(silent, { action: "made-up" }, quiet)).rejects.toThrow('this dependency declares no action "made-up"');
  });


  it("an estate's action never takes a path off the dependency's host, nor a body that is not JSON", () => {
    const request = z.strictObject(actionRequestShape);
    const parse = (path: string, body?: string) => request.safeParse({ method: "POST", path, ...(body !== undefined ? { body } : {}) }).success;
    expect(parse("/admin/ratelimit")).toBe(true);
    expect(parse("/http://elsewhere.example/steal")).toBe(false);
    expect(parse("/\\\\elsewhere.example/steal")).toBe(false);
    expect(parse("https://elsewhere.example/steal")).toBe(false);
    expect(parse("/admin", "{not json")).toBe(false);
  });
});

