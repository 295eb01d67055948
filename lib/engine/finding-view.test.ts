import { describe, expect, it } from "vitest";
import { parseEstate } from "@/lib/config/load-estate";
import { raise } from "@/lib/probe-kit/define-finding";
import { hitRateLow } from "@/probes/redis/hit-rate";
import { redisUnreachable } from "@/probes/redis/unreachable";
import { ActiveFindings } from "./active-findings";
import { findingViews } from "./finding-view";

const estate = parseEstate(
  `services:
  - id: birb
    dependencies:
      - { id: cache, kind: redis, url: "redis://:s3cret-pass@10.0.0.6:6380/10" }
  - id: other
    dependencies:
      - { id: cache, kind: redis, url: "redis://10.0.0.7:6379" }
`,
  "estate.yaml",
  {},
);

describe("findingViews", () => {
  it("links a symptom to the cause raised in the same service, crit first, with commands for this dependency", () => {
    const active = new ActiveFindings();
    const cache = estate.dependencies.get("birb.cache")!;
    const other = estate.dependencies.get("other.cache")!;
    active.update("birb.cache/redis.hit-rate", cache, [raise(hitRateLow, "warn", "41 % of 200 lookups hit", {})], "2026-01-01T00:00:00Z");
    active.update("birb.cache/redis.reachable", cache, [raise(redisUnreachable, "crit", "connection refused", { reason: "connection refused" })], "2026-01-01T00:00:05Z");
    active.update("other.cache/redis.hit-rate", other, [raise(hitRateLow, "warn", "50 %", {})], "2026-01-01T00:00:01Z");

    const views = findingViews(estate, active.list());
    expect(views.map((v) => [v.key, v.explainedBy])).toEqual([
      ["birb.cache/redis.unreachable", null],
      ["birb.cache/redis.hit-rate-low", "birb.cache/redis.unreachable"],
      ["other.cache/redis.hit-rate-low", null],
    ]);
    expect(views[0]!.runbook.commands[0]).toBe(`REDISCLI_AUTH="****" redis-cli -h 10.0.0.6 -p 6380 -n 10 PING`);
    expect(JSON.stringify(views)).not.toContain("s3cret-pass");
  });
});
