import { describe, expect, it } from "vitest";
import type { ProbeResult } from "@/lib/engine/probe-result";
import { raise } from "@/lib/probe-kit/define-finding";
import { FINDINGS } from "@/probes/catalog";
import { fromWire, toWire, type WireResult } from "./wire";

const definition = FINDINGS.find((f) => f.id === "redis.memory-pressure")!;
const result: ProbeResult = {
  key: "shop.cache/redis.memory",
  status: "crit",
  summary: "used 63 MiB of 64 MiB",
  data: { used: 63, max: 64 },
  latencyMs: 0.4,
  durationMs: 1.2,
  checkedAt: "2026-11-30T12:00:00.000Z",
  trigger: "schedule",
  findings: [raise(definition, "crit", "used 63 MiB of 64 MiB (98 %)", { usedBytes: 66_060_288 })],
};

describe("results between replicas", () => {
  it("travel as JSON and come back with this replica's finding definitions, code and all", () => {
    const back = fromWire(JSON.parse(JSON.stringify(toWire(result))) as WireResult)!;
    expect(back).toEqual(result);
    expect(back.findings[0]!.definition).toBe(definition);
    expect(typeof back.findings[0]!.definition.commands).toBe("function");
  });

  it("are skipped when they name a finding this replica does not know (another version)", () => {
    const wire = toWire(result);
    expect(fromWire({ ...wire, findings: [{ ...wire.findings[0]!, definition: "redis.from-the-future" }] })).toBeUndefined();
  });
});
