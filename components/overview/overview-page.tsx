"use client";

import { serviceStatusAt } from "@/lib/api/live-status";
import type { ServiceStatus } from "@/lib/probe-kit/status";
import { useEstate } from "../hooks/use-estate";
import { useNow } from "../hooks/use-now";
import { ServiceCard } from "./service-card";

const ORDER: Record<ServiceStatus, number> = { down: 0, degraded: 1, unknown: 2, ok: 3 };

export function OverviewPage({ serverNow }: { serverNow: number }) {
  const { data: estate, error } = useEstate();
  const now = useNow(serverNow);
  if (!estate) return <p role="alert">{error ? `Lantern could not load the estate: ${error.message}` : "Loading…"}</p>;

  const statuses = estate.services.map((service) => serviceStatusAt(service, now));
  const counts = statuses.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
  // Trouble first, so the eye lands where the work is; ties keep the estate file's order.
  const services = estate.services
    .map((service, index) => ({ service, index, rank: ORDER[statuses[index]!] }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ service }) => service);

  return (
    <section aria-labelledby="overview-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 id="overview-title" className="text-xl font-semibold">
          Services
        </h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {(["down", "degraded", "unknown", "ok"] as const)
            .filter((s) => counts[s])
            .map((s) => `${counts[s]} ${s}`)
            .join(" · ")}
        </p>
      </div>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {services.map((service) => (
          <ServiceCard key={service.id} service={service} findings={estate.findings.filter((f) => f.serviceId === service.id)} now={now} />
        ))}
      </div>
    </section>
  );
}
