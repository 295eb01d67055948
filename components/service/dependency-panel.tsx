"use client";

import type { DependencyView } from "@/lib/api/estate-view-schema";
import { dependencyStatusAt } from "@/lib/api/live-status";
import { useFrozen } from "../frozen";
import { StatusBadge } from "../status-badge";
import { HistoryStrip } from "./history-strip";
import { ProbeNowButton } from "./probe-now-button";
import { ProbeRow } from "./probe-row";

export function DependencyPanel({ dependency, now }: { dependency: DependencyView; now: number }) {
  const status = dependencyStatusAt(dependency, now);
  const frozen = useFrozen();
  return (
    <section
      id={`dep-${dependency.id}`}
      aria-labelledby={`dep-title-${dependency.id}`}
      data-dependency={dependency.id}
      data-status={status}
      className="scroll-mt-16 rounded-lg border border-zinc-200 bg-white p-4 shadow-sm target:ring-2 target:ring-sky-500 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <StatusBadge status={status} size="lg" />
        <div className="min-w-0">
          <h3 id={`dep-title-${dependency.id}`} className="font-semibold">
            <a href={`#dep-${dependency.id}`} className="rounded hover:underline focus-visible:outline-2 focus-visible:outline-sky-600">
              {dependency.name}
            </a>
          </h3>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {dependency.kind} · <span className="font-mono">{dependency.target}</span> ·{" "}
            {dependency.impact === "critical" ? "critical: the service is down without it" : "degraded: the service limps without it"}
          </p>
        </div>
        {!frozen && (
          <div className="ml-auto">
            <ProbeNowButton dependencyId={dependency.id} name={dependency.name} />
          </div>
        )}
      </header>
      <ul className="mt-2 divide-y divide-zinc-100 dark:divide-zinc-800">
        {dependency.probes.map((probe) => (
          <ProbeRow key={probe.name} dependencyId={dependency.id} probe={probe} now={now} />
        ))}
      </ul>
      <HistoryStrip dependencyId={dependency.id} probes={dependency.probes} now={now} />
    </section>
  );
}
