import { describe, expect, it } from "vitest";
import type { ServiceSummary } from "./overview-schema";
import { sharedTargets } from "./shared-targets";

type Dep = ServiceSummary["dependencies"][number];
const dep = (name: string, kind: Dep["kind"], target: string, status: Dep["status"] = "ok"): Dep => ({
  id: name,
  name,
  kind,
  impact: "critical",
  target,
  status,
  reading: status === "ok" ? null : `${status} reading`,
});
const service = (id: string, dependencies: Dep[]): ServiceSummary => ({
  id,
  name: id.toUpperCase(),
  group: null,
  status: dependencies.some((d) => d.status === "down") ? "down" : "ok",
  problems: dependencies.filter((d) => d.status !== "ok").length,
  worst: null,
  dependencies,
});

describe("sharedTargets", () => {
  it("puts the services failing through one upstream under it, and leaves a lone failure alone", () => {
    const upstream = "127.0.0.1:19010";
    const services = [
      ...Array.from({ length: 50 }, (_, i) => service(`api-${i}`, [dep("upstream", "http", upstream, "down"), dep("db", "postgres", `db-${i}:5432/app`)])),
      service("billing", [dep("cache", "redis", "cache-9:6379/0", "down")]),
      service("search", [dep("upstream", "http", "127.0.0.1:19011")]),
    ];
    const { groups, grouped } = sharedTargets(services);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ key: `http ${upstream}`, status: "down" });
    expect(groups[0]!.services).toHaveLength(50);
    expect(grouped.has("api-7")).toBe(true);
    expect(grouped.has("billing")).toBe(false);
    expect(grouped.has("search")).toBe(false);
  });

  it("a service in trouble through two shared targets joins the larger group only", () => {
    const services = [
      service("a", [dep("db", "postgres", "pg:5432/main", "down"), dep("bus", "nats", "nats:4222", "crit")]),
      service("b", [dep("db", "postgres", "pg:5432/main", "down")]),
      service("c", [dep("db", "postgres", "pg:5432/main", "down")]),
      service("d", [dep("bus", "nats", "nats:4222", "crit")]),
    ];
    const { groups } = sharedTargets(services);
    expect(groups.map((g) => [g.key, g.services.map((s) => s.id)])).toEqual([["postgres pg:5432/main", ["a", "b", "c"]]]);
  });
});
