import type { EstateView } from "@/lib/api/estate-view-schema";
import type { Expectation } from "@/lab/scenarios/scenario";

export function describeExpectation(expectation: Expectation): string {
  if ("finding" in expectation) return `${expectation.finding} on ${expectation.on}`;
  if ("service" in expectation) return `${expectation.service}=${expectation.status}`;
  return `${expectation.dependency}=${expectation.status}`;
}

/** Which of a scenario's expectations the estate does not show yet; empty when all are met. */
export function unmet(estate: EstateView, expectations: Expectation[]): string[] {
  return expectations.flatMap((expectation) => {
    if ("finding" in expectation) {
      const found = estate.findings.some((f) => f.id === expectation.finding && f.dependencyId === expectation.on);
      return found ? [] : [`no ${describeExpectation(expectation)}`];
    }
    if ("service" in expectation) {
      const service = estate.services.find((s) => s.id === expectation.service);
      return service?.status === expectation.status ? [] : [`${expectation.service} is ${service?.status ?? "missing"}, expected ${expectation.status}`];
    }
    const dependency = estate.services.flatMap((s) => s.dependencies).find((d) => d.id === expectation.dependency);
    return dependency?.status === expectation.status ? [] : [`${expectation.dependency} is ${dependency?.status ?? "missing"}, expected ${expectation.status}`];
  });
}

/** Critical findings the scenario did not declare: the false alarms. */
export function undeclaredCrits(estate: EstateView, expectations: Expectation[]): string[] {
  const declared = new Set(expectations.flatMap((e) => ("finding" in e ? [`${e.on}/${e.finding}`] : [])));
  return estate.findings.filter((f) => f.severity === "crit" && !declared.has(f.key)).map((f) => `${f.key}: ${f.summary}`);
}

/** Everything in the estate that is not ok, in words. */
export function notOk(estate: EstateView): string[] {
  return [
    ...estate.services.flatMap((s) => s.dependencies.flatMap((d) => d.probes.filter((p) => p.status !== "ok").map((p) => `${d.id} ${p.name}: ${p.status} — ${p.summary}`))),
    ...estate.findings.map((f) => `finding ${f.key}: ${f.summary}`),
  ];
}
