"use client";

import { useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import type { FindingBrief, OverviewPayload, ServiceSummary } from "@/lib/api/overview-schema";
import { sharedTargets } from "@/lib/api/shared-targets";
import { isProblem, type ServiceStatus } from "@/lib/probe-kit/status";
import { useOverview } from "../hooks/use-overview";
import { ServiceCard } from "./service-card";
import { ServiceWall } from "./service-wall";
import { SharedTargetCard } from "./shared-target-card";

const ORDER: Record<ServiceStatus, number> = { down: 0, degraded: 1, unknown: 2, ok: 3 };
/** Up to this many services, healthy ones keep their cards; past it they become a wall of tiles. */
const CARDS_UP_TO = 24;
/** One empty list for every calm card, so an unchanged card is not drawn again. */
const NO_FINDINGS: FindingBrief[] = [];

/** Down, degraded, or a dependency with a problem; a service not yet probed waits on the wall with the calm ones. */
const inTrouble = (service: ServiceSummary) => service.status === "down" || service.status === "degraded" || service.dependencies.some((d) => isProblem(d.status));

/** Whether a service matches the filter box: its name, id, group, or a dependency's name, kind or target. */
function matches(service: ServiceSummary, words: string[]): boolean {
  const text = [service.name, service.id, service.group ?? "", ...service.dependencies.flatMap((d) => [d.name, d.kind, d.target])].join(" ").toLowerCase();
  return words.every((word) => text.includes(word));
}

/** Healthy services by their estate group, ungrouped last. */
function byGroup(services: ServiceSummary[]): [string, ServiceSummary[]][] {
  const groups = new Map<string, ServiceSummary[]>();
  for (const service of services) groups.set(service.group ?? "", [...(groups.get(service.group ?? "") ?? []), service]);
  return [...groups.entries()].sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)));
}

export function OverviewPage({ initial }: { initial?: OverviewPayload }) {
  const { data: overview, error } = useOverview(initial);
  const [filter, setFilter] = useState(useSearchParams().get("filter") ?? "");

  const view = useMemo(() => {
    if (!overview) return undefined;
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = overview.services.filter((service) => matches(service, words));
    const findings = new Map<string, FindingBrief[]>();
    for (const finding of overview.findings) findings.set(finding.serviceId, [...(findings.get(finding.serviceId) ?? []), finding]);
    const trouble = shown.filter(inTrouble);
    const { groups, grouped } = sharedTargets(trouble);
    const alone = trouble
      .filter((service) => !grouped.has(service.id))
      .map((service, index) => ({ service, index }))
      // Trouble first, so the eye lands where the work is; ties keep the estate file's order.
      .sort((a, b) => ORDER[a.service.status] - ORDER[b.service.status] || a.index - b.index)
      .map(({ service }) => service);
    const calm = shown.filter((service) => !inTrouble(service));
    const counts = overview.services.reduce<Partial<Record<ServiceStatus, number>>>((acc, s) => ({ ...acc, [s.status]: (acc[s.status] ?? 0) + 1 }), {});
    return { shown, groups, alone, calm, counts, findings, total: overview.services.length };
  }, [overview, filter]);

  if (!view) return <p role="alert">{error ? `Lantern could not load the estate: ${error.message}` : "Loading…"}</p>;

  const refine = (text: string) => {
    setFilter(text);
    const url = new URL(window.location.href);
    if (text) url.searchParams.set("filter", text);
    else url.searchParams.delete("filter");
    // A filtered overview is a link someone can paste into the incident channel.
    window.history.replaceState(null, "", url);
  };
  const asCards = view.total <= CARDS_UP_TO;

  return (
    <section aria-labelledby="overview-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="overview-title" className="text-xl font-semibold">
          Services
        </h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="status-counts">
          {(["down", "degraded", "unknown", "ok"] as const)
            .filter((s) => view.counts[s])
            .map((s) => `${view.counts[s]} ${s}`)
            .join(" · ")}
        </p>
        <label className="flex items-center gap-2 text-sm">
          <span className="sr-only">Filter services</span>
          <input
            type="search"
            value={filter}
            onChange={(event) => refine(event.target.value)}
            placeholder="Filter by name, group, target…"
            className="w-64 rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          />
          {filter && (
            <span data-testid="filter-count" className="text-zinc-600 dark:text-zinc-400">
              {view.shown.length} of {view.total}
            </span>
          )}
        </label>
      </div>

      {view.groups.length > 0 && (
        <section aria-labelledby="shared-title" className="flex flex-col gap-3">
          <h2 id="shared-title" className="text-sm font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
            One target, many services
          </h2>
          {view.groups.map((group) => (
            <SharedTargetCard key={group.key} group={group} />
          ))}
        </section>
      )}

      {(view.alone.length > 0 || asCards) && (
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="service-cards">
          {[...view.alone, ...(asCards ? view.calm : [])].map((service) => (
            <ServiceCard key={service.id} service={service} findings={view.findings.get(service.id) ?? NO_FINDINGS} />
          ))}
        </div>
      )}

      {!asCards && view.calm.length > 0 && (
        <section aria-labelledby="calm-title" className="flex flex-col gap-3">
          <h2 id="calm-title" className="text-sm font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
            Nothing to look at · {view.calm.length}
          </h2>
          {byGroup(view.calm).map(([group, services]) => (
            <div key={group || "-"} className="flex flex-col gap-1">
              {group && (
                <h3 className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
                  {group} · {services.length}
                </h3>
              )}
              <ServiceWall services={services} label={group ? `${group}: services with nothing to look at` : "Services with nothing to look at"} />
            </div>
          ))}
        </section>
      )}

      {view.shown.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">No service matches “{filter}”.</p>}
    </section>
  );
}
