import "server-only";
import type { DependencyView, EstateView, ProbeView, ServiceView } from "@/lib/api/estate-view-schema";
import { dependencyStatusAt, serviceStatusAt } from "@/lib/api/live-status";
import type { Dependency, Estate, ProbeInstance, Service } from "@/lib/config/estate";
import { labUrl } from "@/lib/lab-client";
import { CommandTarget } from "@/lib/probe-kit/commands";
import type { ActiveFindings } from "./active-findings";
import { findingViews } from "./finding-view";
import type { LatestResults } from "./latest-results";

/** The picture the API serves: configuration joined with the latest results, secrets already out. */
export function estateView({ estate, results, findings }: { estate: Estate; results: LatestResults; findings: ActiveFindings }, now = Date.now()): EstateView {
  return {
    generatedAt: new Date(now).toISOString(),
    estate: estate.name,
    lab: labUrl() !== undefined,
    services: estate.services.map((service) => serviceView(estate, service, results, now)),
    findings: findingViews(estate, findings.list()),
  };
}

export function serviceView(estate: Estate, service: Service, results: LatestResults, now = Date.now()): ServiceView {
  const view: ServiceView = {
    id: service.id,
    name: service.name,
    ...(service.description ? { description: service.description } : {}),
    ...(service.group ? { group: service.group } : {}),
    status: "unknown",
    dependencies: service.dependencies.map((dependency) => dependencyView(estate, dependency, results, now)),
  };
  return { ...view, status: serviceStatusAt(view, now) };
}

function dependencyView(estate: Estate, dependency: Dependency, results: LatestResults, now: number): DependencyView {
  const target = new CommandTarget(dependency.url, estate.redactor, dependency.timeoutMs, dependency.headers);
  const view: DependencyView = {
    id: dependency.id,
    name: dependency.name,
    kind: dependency.kind,
    impact: dependency.impact,
    target: dependency.target,
    status: "unknown",
    probes: dependency.probes.map((instance) => probeView(instance, target, results)),
  };
  return { ...view, status: dependencyStatusAt(view, now) };
}

function probeView(instance: ProbeInstance, target: CommandTarget, results: LatestResults): ProbeView {
  const result = results.latest(instance.key);
  return {
    id: instance.probe.id,
    name: instance.name,
    title: instance.probe.title,
    status: result?.status ?? "unknown",
    summary: result?.summary ?? "waiting for the first result",
    latencyMs: result ? round(result.latencyMs) : null,
    durationMs: result ? round(result.durationMs) : null,
    checkedAt: result?.checkedAt ?? null,
    intervalMs: instance.intervalMs,
    timeoutMs: instance.timeoutMs,
    data: result?.data ?? null,
    cli: instance.probe.command(target, instance.params),
    ...(instance.probe.series ? { series: seriesOf(instance, results) } : {}),
    ...(instance.probe.view && result?.data !== undefined ? { panels: instance.probe.view(result.data, instance.params) } : {}),
  };
}

function seriesOf(instance: ProbeInstance, results: LatestResults): { t: string; v: number }[] {
  return results.series(instance.key).map(({ t, value }) => ({ t: new Date(t).toISOString(), v: value }));
}

/** One probe's picture, for the pages showing its service. */
export function probeViewOf(estate: Estate, instance: ProbeInstance, results: LatestResults): ProbeView {
  const dependency = estate.dependencies.get(instance.dependencyId)!;
  return probeView(instance, new CommandTarget(dependency.url, estate.redactor, dependency.timeoutMs, dependency.headers), results);
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
