import { describe, expect, it } from "vitest";
import { currentStatus, serviceStatus, worstStatus } from "./status";

describe("status words", () => {
  it("a dependency shows the worst of its probes", () => {
    expect(worstStatus(["ok", "warn", "ok"])).toBe("warn");
    expect(worstStatus(["warn", "down", "crit"])).toBe("down");
    expect(worstStatus(["ok", "error"])).toBe("error");
    expect(worstStatus([])).toBe("unknown");
  });

  it("a result turns stale after two missed intervals", () => {
    const checkedAt = new Date(0).toISOString();
    expect(currentStatus({ status: "ok", checkedAt }, 1000, 500, 2500)).toBe("ok");
    expect(currentStatus({ status: "ok", checkedAt }, 1000, 500, 2501)).toBe("stale");
    expect(currentStatus(undefined, 1000, 500, 0)).toBe("unknown");
  });

  it("a service follows the impact of its dependencies", () => {
    expect(serviceStatus([{ impact: "critical", status: "down" }, { impact: "degraded", status: "ok" }])).toBe("down");
    expect(serviceStatus([{ impact: "critical", status: "ok" }, { impact: "degraded", status: "down" }])).toBe("degraded");
    expect(serviceStatus([{ impact: "critical", status: "crit" }])).toBe("degraded");
    expect(serviceStatus([{ impact: "critical", status: "warn" }])).toBe("ok");
    expect(serviceStatus([{ impact: "critical", status: "stale" }, { impact: "degraded", status: "ok" }])).toBe("unknown");
    expect(serviceStatus([{ impact: "degraded", status: "unknown" }, { impact: "critical", status: "ok" }])).toBe("ok");
  });
});
