import { describe, expect, it } from "vitest";
import type { FindingView, ProbeView } from "@/lib/api/estate-view-schema";
import type { ServiceDetail } from "@/lib/api/service-detail";
import { ChangesInFlight, detailWith, noChanges, type LiveChanges } from "./live-changes";

const backlog: FindingView = {
  key: "shop.jobs/redis.queue-backlog",
  id: "redis.queue-backlog",
  severity: "warn",
  serviceId: "shop",
  dependencyId: "shop.jobs",
  title: "Queue backing up",
  summary: "jobs: 12,000 waiting",
  since: "2026-12-01T10:00:00.000Z",
  evidence: {},
  runbook: { cause: "", steps: [], commands: [] },
  fixes: [],
  explainedBy: null,
};

const depth = (checkedAt: string, v: number): ProbeView => ({
  id: "redis.queue",
  name: "queue",
  title: "Queue depth",
  status: "ok",
  summary: `${v} waiting`,
  latencyMs: 1,
  durationMs: 1,
  checkedAt,
  intervalMs: 1000,
  timeoutMs: 800,
  data: {},
  cli: "redis-cli LLEN jobs",
  series: [{ t: checkedAt, v }],
});

const picture = (findings: FindingView[], probe = depth("2026-12-01T10:00:00.000Z", 3)): ServiceDetail => ({
  generatedAt: "2026-12-01T10:00:00.000Z",
  version: 1,
  service: {
    id: "shop",
    name: "Shop",
    status: "ok",
    dependencies: [{ id: "shop.jobs", name: "Jobs", kind: "redis", impact: "degraded", target: "redis://127.0.0.1:6379", status: "ok", probes: [probe] }],
  },
  findings,
});

const changes = (partial: Partial<LiveChanges>): LiveChanges => ({ ...noChanges(), ...partial });

/** A request the test answers when it likes, as a slow server would. */
function pending<T>() {
  let answer!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (answer = resolve));
  return { promise, answer };
}

describe("changes heard while a picture is fetched", () => {
  it("are laid on an answer taken before them: a finding raised mid-request is not lost", async () => {
    const inFlight = new ChangesInFlight();
    const request = pending<ServiceDetail>();
    const fetched = inFlight.fetch(() => request.promise, detailWith, "shop");
    inFlight.hear(changes({ findings: [{ action: "raised", finding: backlog }] }), "shop");
    request.answer(picture([]));
    expect((await fetched).findings.map((f) => f.key)).toEqual([backlog.key]);
  });

  it("converge on the last word when the answer already holds some of them", async () => {
    const inFlight = new ChangesInFlight();
    const request = pending<ServiceDetail>();
    const fetched = inFlight.fetch(() => request.promise, detailWith, "shop");
    inFlight.hear(changes({ findings: [{ action: "raised", finding: backlog }] }), "shop");
    inFlight.hear(changes({ findings: [{ action: "cleared", finding: backlog }] }), "shop");
    request.answer(picture([backlog]));
    expect((await fetched).findings).toEqual([]);
  });

  it("are not kept while nothing is fetched: an older change never undoes a newer answer", async () => {
    const inFlight = new ChangesInFlight();
    inFlight.hear(changes({ findings: [{ action: "cleared", finding: backlog }] }), "shop");
    expect((await inFlight.fetch(async () => picture([backlog]), detailWith, "shop")).findings).toEqual([backlog]);
  });

  it("are forgotten once every request has ended, answered or not", async () => {
    const inFlight = new ChangesInFlight();
    const failed = inFlight.fetch(() => Promise.reject(new Error("aborted")), detailWith, "shop");
    inFlight.hear(changes({ findings: [{ action: "raised", finding: backlog }] }), "shop");
    await expect(failed).rejects.toThrow("aborted");
    expect((await inFlight.fetch(async () => picture([]), detailWith, "shop")).findings).toEqual([]);
  });

  it("reach a service page's picture only from that page's own stream", async () => {
    const inFlight = new ChangesInFlight();
    const request = pending<ServiceDetail>();
    const fetched = inFlight.fetch(() => request.promise, detailWith, "shop");
    // The overview's stream carries briefs of every service's findings; another service page's stream, that service's.
    const { evidence: _evidence, runbook: _runbook, fixes: _fixes, ...brief } = backlog;
    inFlight.hear(changes({ findings: [{ action: "raised", finding: brief }] }), undefined);
    inFlight.hear(changes({ findings: [{ action: "raised", finding: { ...backlog, key: "till.db/postgres.reachable", serviceId: "till" } }] }), "till");
    request.answer(picture([]));
    expect((await fetched).findings).toEqual([]);
  });
});

describe("a probe's reading", () => {
  const later = depth("2026-12-01T10:00:01.000Z", 12_000);

  it("replaces an older one and adds its point to the series", () => {
    const probe = detailWith(picture([]), changes({ probes: [{ dependencyId: "shop.jobs", probe: later }] })).service.dependencies[0]!.probes[0]!;
    expect(probe.summary).toBe("12000 waiting");
    expect(probe.series?.map((p) => p.v)).toEqual([3, 12_000]);
  });

  it("already held, or older than the one held, changes nothing: a replay adds no point twice", () => {
    const current = picture([], { ...later, series: [{ t: "2026-12-01T10:00:00.000Z", v: 3 }, ...later.series!] });
    const replayed = detailWith(current, changes({ probes: [{ dependencyId: "shop.jobs", probe: later }, { dependencyId: "shop.jobs", probe: depth("2026-12-01T10:00:00.500Z", 7) }] }));
    expect(replayed.service.dependencies[0]!.probes[0]).toEqual(current.service.dependencies[0]!.probes[0]);
  });
});
