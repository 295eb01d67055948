import { currentStatus, isProblem, serviceStatus, worstStatus, type ProbeStatus, type ServiceStatus } from "@/lib/probe-kit/status";
import type { DependencyView, ProbeView, ServiceView } from "./estate-view-schema";
import type { ServiceSummary } from "./overview-schema";

/** What statuses are computed from: a ProbeView has it all, and so has the engine's lighter picture of a probe. */
export type ProbeState = Pick<ProbeView, "status" | "summary" | "checkedAt" | "intervalMs" | "timeoutMs">;
export type DependencyState = Pick<DependencyView, "id" | "name" | "kind" | "impact" | "target"> & { probes: readonly ProbeState[] };
export type ServiceState = Pick<ServiceView, "id" | "name" | "description" | "group"> & { dependencies: readonly DependencyState[] };

/**
 * Status as of `now`, from the last results: used by the server when it
 * answers and by the browser every second, so a page whose live feed died
 * shows "stale" instead of an old "ok".
 */
export function probeStatusAt(probe: ProbeState, now: number): ProbeStatus {
  if (probe.checkedAt === null) return "unknown";
  if (probe.status === "unknown" || probe.status === "stale") return probe.status;
  return currentStatus({ status: probe.status, checkedAt: probe.checkedAt }, probe.intervalMs, probe.timeoutMs, now);
}

export function dependencyStatusAt(dependency: Pick<DependencyState, "probes">, now: number): ProbeStatus {
  return worstStatus(dependency.probes.map((probe) => probeStatusAt(probe, now)));
}

export function serviceStatusAt(service: { dependencies: readonly Pick<DependencyState, "impact" | "probes">[] }, now: number): ServiceStatus {
  return serviceStatus(service.dependencies.map((d) => ({ impact: d.impact, status: dependencyStatusAt(d, now) })));
}

/** Probes whose status deserves a look: everything but ok and not-yet-run. */
export function problemCount(service: { dependencies: readonly Pick<DependencyState, "probes">[] }, now: number): number {
  return service.dependencies.flatMap((d) => d.probes).filter((probe) => isProblem(probeStatusAt(probe, now))).length;
}

/** A service that needs a look, by the statuses it was read with: not ok, or ok with a problem in one of its dependencies. */
export function needsLook(service: { status: ServiceStatus; dependencies: readonly { status: ProbeStatus }[] }): boolean {
  return service.status !== "ok" || service.dependencies.some((d) => isProblem(d.status));
}

/** The worst problem among some probes, with its words. */
function worstOf(probes: readonly ProbeState[], now: number): { status: ProbeStatus; summary: string } | undefined {
  let worst: { status: ProbeStatus; summary: string } | undefined;
  for (const probe of probes) {
    const status = probeStatusAt(probe, now);
    if (!isProblem(status)) continue;
    if (!worst || worstStatus([worst.status, status]) !== worst.status) worst = { status, summary: probe.summary };
  }
  return worst;
}

/** The worst reading of a service in one line, for the card of a service in trouble. */
export function worstReading(service: { dependencies: readonly Pick<DependencyState, "name" | "probes">[] }, now: number): { dependency: string; status: ProbeStatus; summary: string } | undefined {
  let worst: { dependency: string; status: ProbeStatus; summary: string } | undefined;
  for (const dependency of service.dependencies) {
    const own = worstOf(dependency.probes, now);
    if (own && (!worst || worstStatus([worst.status, own.status]) !== worst.status)) worst = { dependency: dependency.name, ...own };
  }
  return worst;
}

/**
 * A service in the few numbers and words the overview draws, as of `now`.
 * The server sends one when it changes; a snapshot makes them from its frozen picture.
 */
export function summarizeService(service: ServiceState, now: number): ServiceSummary {
  const worst = worstReading(service, now);
  return {
    id: service.id,
    name: service.name,
    group: service.group ?? null,
    status: serviceStatusAt(service, now),
    problems: problemCount(service, now),
    worst: worst ?? null,
    dependencies: service.dependencies.map((dependency) => {
      const { probes, ...identity } = dependency;
      return { ...identity, status: dependencyStatusAt(dependency, now), reading: worstOf(probes, now)?.summary ?? null };
    }),
  };
}
