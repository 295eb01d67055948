import { describe, expect, it } from "vitest";
import { readHealthBody } from "./health-body";

describe("readHealthBody", () => {
  it("application/health+json with its checks", () => {
    const body = readHealthBody(
      {
        status: "warn",
        checks: {
          "db:responseTime": [{ componentId: "db", status: "pass", observedValue: 12, observedUnit: "ms" }],
          "cache:connections": [{ status: "fail", output: "connection refused" }],
        },
      },
      "application/health+json; charset=utf-8",
    );
    expect(body).toEqual({
      format: "health+json",
      status: "warn",
      said: "warn",
      components: [
        { name: "db:responseTime", status: "ok", said: "pass", detail: "12 ms" },
        { name: "cache:connections", status: "crit", said: "fail", detail: "connection refused" },
      ],
    });
  });

  it("Spring Boot UP/DOWN/OUT_OF_SERVICE with components", () => {
    expect(readHealthBody({ status: "OUT_OF_SERVICE", components: { db: { status: "UP" }, redis: { status: "DOWN" } } }, "application/json")).toEqual({
      format: "spring",
      status: "crit",
      said: "OUT_OF_SERVICE",
      components: [
        { name: "db", status: "ok", said: "UP" },
        { name: "redis", status: "crit", said: "DOWN" },
      ],
    });
  });

  it("a plain status word, with dependencies and checks in any of the usual shapes", () => {
    const body = readHealthBody(
      { status: "degraded", dependencies: { kong: { status: "unhealthy", message: "timeout" }, cache: { connected: true } }, checks: [{ name: "disk", status: "ok" }] },
      "application/json",
    );
    expect(body.format).toBe("json-status");
    expect(body.status).toBe("warn");
    expect(body.components).toEqual([
      { name: "disk", status: "ok", said: "ok" },
      { name: "kong", status: "crit", said: "unhealthy", detail: "timeout" },
      { name: "cache", status: "ok", said: "true" },
    ]);
  });

  it("a boolean healthy field, and bodies that say nothing", () => {
    expect(readHealthBody({ healthy: false }, "application/json")).toMatchObject({ format: "json-status", status: "crit", said: "false" });
    expect(readHealthBody("OK", "text/plain")).toEqual({ format: "none", status: "unknown", components: [] });
    expect(readHealthBody({ uptime: 5 }, "application/json")).toEqual({ format: "none", status: "unknown", components: [] });
  });
});
