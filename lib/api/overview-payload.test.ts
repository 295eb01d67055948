import { describe, expect, it } from "vitest";
import { packOverview, unpackOverview } from "./overview-payload";
import { overviewSchema, type DependencySummary, type Overview, type ServiceSummary } from "./overview-schema";

const dep = (id: string, kind: DependencySummary["kind"], target: string, status: DependencySummary["status"] = "ok"): DependencySummary => ({
  id,
  name: id,
  kind,
  impact: "critical",
  target,
  status,
  reading: status === "ok" ? null : `${status}: connection refused`,
});
/** A service as the estate loader makes it: its dependencies' ids carry its own. */
const service = (id: string, dependencies: DependencySummary[]): ServiceSummary => ({
  id,
  name: id,
  group: "payments",
  status: dependencies.some((d) => d.status === "down") ? "down" : "ok",
  problems: dependencies.filter((d) => d.status !== "ok").length,
  worst: null,
  dependencies: dependencies.map((d) => ({ ...d, id: `${id}.${d.id}` })),
});
const overviewOf = (services: ServiceSummary[]): Overview => ({ generatedAt: "2026-11-30T23:00:00.000Z", version: 7, estate: "Payments", lab: false, services, findings: [] });

describe("the overview as sent", () => {
  const calm = Array.from({ length: 1000 }, (_, i) =>
    service(`svc-${i}`, [dep("db", "postgres", "10.0.0.5:5432/app"), dep("cache", "redis", "10.0.0.6:6379/0"), dep("bus", "nats", "10.0.0.7:4222")]),
  );
  const overview = overviewOf([...calm, service("edge", [dep("upstream", "http", "10.0.0.9:80", "down"), dep("db", "postgres", "10.0.0.5:5432/app")])]);

  it("describes each distinct dependency once, and comes back as it was", () => {
    const payload = packOverview(overview);
    expect(() => overviewSchema.parse(payload)).not.toThrow();
    expect(payload.dependencies.map((d) => `${d.id} ${d.target}`)).toEqual(["db 10.0.0.5:5432/app", "cache 10.0.0.6:6379/0", "bus 10.0.0.7:4222", "upstream 10.0.0.9:80"]);
    expect(payload.services.at(-1)!.dependencies).toEqual([{ of: 3, status: "down", reading: "down: connection refused" }, 0]);
    expect(payload.services[0]).toEqual({ id: "svc-0", group: "payments", status: "ok", dependencies: [0, 1, 2] });
    expect(unpackOverview(payload)).toEqual(overview);
  });

  it("keeps apart dependencies that differ in anything the overview shows", () => {
    const twins = overviewOf([service("a", [dep("db", "postgres", "10.0.0.5:5432/app")]), service("b", [{ ...dep("db", "postgres", "10.0.0.5:5432/app"), impact: "degraded" }])]);
    const payload = packOverview(twins);
    expect(payload.dependencies).toHaveLength(2);
    expect(unpackOverview(payload)).toEqual(twins);
  });

  it("spells out what a service does not share with the rest", () => {
    const odd: ServiceSummary = { ...service("edge", [dep("upstream", "http", "10.0.0.9:80", "warn")]), name: "Edge proxy", group: null, status: "degraded", worst: { dependency: "edge.upstream", status: "warn", summary: "slow" } };
    const payload = packOverview(overviewOf([odd]));
    expect(payload.services[0]).toMatchObject({ name: "Edge proxy", problems: 1, worst: odd.worst });
    expect(payload.services[0]).not.toHaveProperty("group");
    expect(unpackOverview(overviewSchema.parse(payload))).toEqual(overviewOf([odd]));
  });

  it("is a fraction of the size of every service spelled out", () => {
    const spelledOut = JSON.stringify(overview).length;
    const sent = JSON.stringify(packOverview(overview)).length;
    expect(sent).toBeLessThan(spelledOut / 4);
  });
});
