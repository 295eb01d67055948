import type { EstateView } from "@/lib/api/estate-view-schema";
import type { Expectation } from "@/lab/scenarios/scenario";

/** Which of a scenario's expectations the estate does not show yet; empty when all are met. */
export function unmet(estate: EstateView, expectations: Expectation[]): string[] {
  return expectations.flatMap((expectation) => {
    if ("service" in expectation) {
      const service = estate.services.find((s) => s.id === expectation.service);
      return service?.status === expectation.status ? [] : [`${expectation.service} is ${service?.status ?? "missing"}, expected ${expectation.status}`];
    }
    const dependency = estate.services.flatMap((s) => s.dependencies).find((d) => d.id === expectation.dependency);
    return dependency?.status === expectation.status ? [] : [`${expectation.dependency} is ${dependency?.status ?? "missing"}, expected ${expectation.status}`];
  });
}

/** Everything in the estate that is not ok, in words. */
export function notOk(estate: EstateView): string[] {
  return estate.services.flatMap((s) => s.dependencies.flatMap((d) => d.probes.filter((p) => p.status !== "ok").map((p) => `${d.id} ${p.name}: ${p.status} — ${p.summary}`)));
}
