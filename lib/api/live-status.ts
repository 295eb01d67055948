import { currentStatus, isProblem, serviceStatus, worstStatus, type ProbeStatus, type ServiceStatus } from "@/lib/probe-kit/status";
import type { DependencyView, ProbeView, ServiceView } from "./estate-view-schema";

/**
 * Status as of `now`, from the last results: used by the server when it
 * answers and by the browser every second, so a page whose live feed died
 * shows "stale" instead of an old "ok".
 */
export function probeStatusAt(probe: ProbeView, now: number): ProbeStatus {
  if (probe.checkedAt === null) return "unknown";
  if (probe.status === "unknown" || probe.status === "stale") return probe.status;
  return currentStatus({ status: probe.status, checkedAt: probe.checkedAt }, probe.intervalMs, probe.timeoutMs, now);
}

export function dependencyStatusAt(dependency: DependencyView, now: number): ProbeStatus {
  return worstStatus(dependency.probes.map((probe) => probeStatusAt(probe, now)));
}

export function serviceStatusAt(service: ServiceView, now: number): ServiceStatus {
  return serviceStatus(service.dependencies.map((d) => ({ impact: d.impact, status: dependencyStatusAt(d, now) })));
}

/** Probes whose status deserves a look: everything but ok and not-yet-run. */
export function problemCount(service: ServiceView, now: number): number {
  return service.dependencies.flatMap((d) => d.probes).filter((probe) => isProblem(probeStatusAt(probe, now))).length;
}

/** A service that needs a look, by the statuses it was read with: not ok, or ok with a problem in one of its dependencies. */
export function needsLook(service: ServiceView): boolean {
  return service.status !== "ok" || service.dependencies.some((d) => isProblem(d.status));
}

/** The newest check among the service's probes. */
export function lastCheckedAt(service: ServiceView): string | null {
  const times = service.dependencies.flatMap((d) => d.probes.map((p) => p.checkedAt)).filter((t): t is string => t !== null);
  return times.length === 0 ? null : times.reduce((a, b) => (a > b ? a : b));
}

/** The worst reading of a service in one line, for the card of a service in trouble. */
export function worstReading(service: ServiceView, now: number): { dependency: string; status: ProbeStatus; summary: string } | undefined {
  let worst: { dependency: string; status: ProbeStatus; summary: string } | undefined;
  for (const dependency of service.dependencies) {
    for (const probe of dependency.probes) {
      const status = probeStatusAt(probe, now);
      if (!isProblem(status)) continue;
      if (!worst || worstStatus([worst.status, status]) !== worst.status) worst = { dependency: dependency.name, status, summary: probe.summary };
    }
  }
  return worst;
}
