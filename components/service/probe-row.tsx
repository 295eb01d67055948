"use client";

import type { ProbeView } from "@/lib/api/estate-view-schema";
import { probeStatusAt } from "@/lib/api/live-status";
import { formatMs } from "@/lib/probe-kit/format";
import { Age } from "../age";
import { CliCommand } from "../cli-command";
import { StatusBadge } from "../status-badge";
import { ConnectionsTable } from "./connections-table";
import { ProbeData } from "./probe-data";

export function probeAnchor(dependencyId: string, probe: ProbeView): string {
  return `probe-${dependencyId}-${probe.name}`;
}

/** A probe's reading: open when it needs a look, one quiet line when it is ok. */
export function ProbeRow({ dependencyId, probe, now }: { dependencyId: string; probe: ProbeView; now: number }) {
  const status = probeStatusAt(probe, now);
  const anchor = probeAnchor(dependencyId, probe);
  const quiet = status === "ok" || status === "unknown";
  const details = (
    <>
      {probe.panels?.connections && <ConnectionsTable data={probe.panels.connections} />}
      <ProbeData data={probe.data} />
      <CliCommand command={probe.cli} />
    </>
  );
  return (
    <li id={anchor} data-probe={probe.name} data-status={status} className="flex scroll-mt-20 flex-col gap-2 py-2.5 target:bg-sky-50 dark:target:bg-sky-950/40">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <StatusBadge status={status} size={quiet ? "sm" : "md"} />
        <h4 className={quiet ? "text-sm font-medium" : "font-medium"}>
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
      <p data-testid="probe-summary" className={quiet ? "text-sm text-zinc-600 dark:text-zinc-400" : "text-sm text-zinc-900 dark:text-zinc-100"}>
        {status === "stale" ? `No result for over two intervals; last: ${probe.summary}` : probe.summary}
      </p>
      {quiet ? (
        <details className="text-xs">
          <summary className="cursor-pointer select-none rounded text-zinc-500 focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-zinc-400">Details and the command to check by hand</summary>
          <div className="mt-2 flex flex-col gap-2">{details}</div>
        </details>
      ) : (
        details
      )}
    </li>
  );
}
