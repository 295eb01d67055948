"use client";

import type { ProbeView } from "@/lib/api/estate-view-schema";
import { probeStatusAt } from "@/lib/api/live-status";
import { formatMs } from "@/lib/probe-kit/format";
import { Age } from "../age";
import { CliCommand } from "../cli-command";
import { StatusBadge } from "../status-badge";
import { ProbeData } from "./probe-data";

export function probeAnchor(dependencyId: string, probe: ProbeView): string {
  return `probe-${dependencyId}-${probe.name}`;
}

export function ProbeRow({ dependencyId, probe, now }: { dependencyId: string; probe: ProbeView; now: number }) {
  const status = probeStatusAt(probe, now);
  const anchor = probeAnchor(dependencyId, probe);
  return (
    <li id={anchor} data-probe={probe.name} data-status={status} className="flex scroll-mt-20 flex-col gap-2 py-3 target:bg-sky-50 dark:target:bg-sky-950/40">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <StatusBadge status={status} />
        <h4 className="font-medium">
          {probe.title}
          {probe.name !== probe.id && <span className="ml-1 text-zinc-500 dark:text-zinc-400">({probe.name})</span>}
        </h4>
        <a href={`#${anchor}`} className="text-xs text-zinc-400 hover:text-sky-600 focus-visible:outline-2 focus-visible:outline-sky-600" title="Link to this probe">
          #<span className="sr-only">link to {probe.title}</span>
        </a>
        <span className="ml-auto flex gap-3 text-xs text-zinc-600 dark:text-zinc-400">
          {probe.latencyMs !== null && <span title="What the dependency took to answer">{formatMs(probe.latencyMs)}</span>}
          <Age at={probe.checkedAt} now={now} />
        </span>
      </div>
      <p data-testid="probe-summary" className="text-sm text-zinc-800 dark:text-zinc-200">
        {status === "stale" ? `No result for over two intervals; last: ${probe.summary}` : probe.summary}
      </p>
      <ProbeData data={probe.data} />
      <CliCommand command={probe.cli} />
    </li>
  );
}
