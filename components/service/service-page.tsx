"use client";

import Link from "next/link";
import { serviceStatusAt } from "@/lib/api/live-status";
import { useServiceDetail } from "../hooks/use-overview";
import { useNow } from "../hooks/use-now";
import { FixLauncher } from "../fixes/fix-launcher";
import { RecentFixes } from "../fixes/recent-fixes";
import { useFrozen } from "../frozen";
import { StatusBadge } from "../status-badge";
import { BreakersPanel } from "./breakers-panel";
import { DependencyPanel } from "./dependency-panel";
import { FindingsPanel } from "./findings-panel";
import { QueuesPanel } from "./queues-panel";

export function ServicePage({ serviceId, serverNow }: { serviceId: string; serverNow: number }) {
  const { data: detail, error } = useServiceDetail(serviceId);
  const now = useNow(serverNow);
  const frozen = useFrozen();
  if (error) return <p role="alert">Lantern could not load this service: {error.message}</p>;
  if (!detail) return <p role="alert">{frozen ? `This snapshot has no service “${serviceId}”.` : "Loading…"}</p>;
  const { service, findings } = detail;
  const status = serviceStatusAt(service, now);

  return (
    <article aria-labelledby="service-title" className="flex flex-col gap-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={frozen ? frozen.base : "/"} className="rounded text-sky-700 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-sky-400">
          ← All services
        </Link>
      </nav>
      <header className="flex flex-wrap items-center gap-3">
        <h1 id="service-title" className="text-2xl font-semibold">
          {service.name}
        </h1>
        <span data-testid="service-status">
          <StatusBadge status={status} size="lg" />
        </span>
      </header>
      {service.description && <p className="text-zinc-600 dark:text-zinc-400">{service.description}</p>}
      <FixLauncher>
        <FindingsPanel
          findings={findings}
          dependencyNames={new Map(service.dependencies.map((d) => [d.id, d.name]))}
          now={now}
        />
      </FixLauncher>
      {!frozen && <RecentFixes serviceId={service.id} now={now} />}
      <QueuesPanel dependencies={service.dependencies} now={now} />
      <BreakersPanel dependencies={service.dependencies} now={now} />
      <h2 className="text-lg font-semibold">Dependencies</h2>
      <div className="flex flex-col gap-4">
        {service.dependencies.map((dependency) => (
          <DependencyPanel key={dependency.id} dependency={dependency} now={now} />
        ))}
      </div>
    </article>
  );
}
