"use client";

import type { DependencyView } from "@/lib/api/estate-view-schema";
import { probeStatusAt } from "@/lib/api/live-status";
import { Age } from "../age";
import { Sparkline } from "../sparkline";
import { StatusBadge } from "../status-badge";

function DepthBar({ depth, warnAt, critAt, label }: { depth: number; warnAt: number; critAt: number; label: string }) {
  const scale = Math.max(critAt * 1.2, depth, 1);
  const pct = (n: number) => `${Math.min(100, (n / scale) * 100)}%`;
  const colour = depth >= critAt ? "bg-red-600" : depth >= warnAt ? "bg-amber-500" : "bg-emerald-600";
  return (
    <div
      role="meter"
      aria-label={label}
      aria-valuenow={depth}
      aria-valuemin={0}
      aria-valuemax={scale}
      aria-valuetext={`${depth.toLocaleString("en-US")}; warning at ${warnAt.toLocaleString("en-US")}, critical at ${critAt.toLocaleString("en-US")}`}
      data-testid="depth-bar"
      className="relative h-3 w-full rounded bg-zinc-200 dark:bg-zinc-800"
    >
      <div className={`h-3 rounded ${colour}`} style={{ width: pct(depth) }} />
      <div title={`warn ${warnAt.toLocaleString("en-US")}`} className="absolute -top-1 h-5 w-0.5 bg-amber-600" style={{ left: pct(warnAt) }} />
      <div title={`crit ${critAt.toLocaleString("en-US")}`} className="absolute -top-1 h-5 w-0.5 bg-red-700" style={{ left: pct(critAt) }} />
    </div>
  );
}

/** Every queue of the service: depth against its marks, its recent history, and where it is heading, in words. */
export function QueuesPanel({ dependencies, now }: { dependencies: DependencyView[]; now: number }) {
  const queues = dependencies.flatMap((dependency) => dependency.probes.flatMap((probe) => (probe.panels?.queue ? [{ dependency, probe, row: probe.panels.queue }] : [])));
  if (queues.length === 0) return null;
  return (
    <section aria-labelledby="queues-title" className="flex flex-col gap-2">
      <h2 id="queues-title" className="text-lg font-semibold">
        Queues
      </h2>
      <ul className="flex flex-col gap-2">
        {queues.map(({ dependency, probe, row }) => (
          <li key={`${dependency.id}/${probe.name}`} data-queue={row.name} className="grid gap-2 rounded-lg border border-zinc-200 bg-white p-3 sm:grid-cols-[1fr_auto] dark:border-zinc-800 dark:bg-zinc-900">
            <div className="flex flex-col gap-1.5">
              <div className="flex flex-wrap items-baseline gap-2">
                <StatusBadge status={probeStatusAt(probe, now)} size="sm" />
                <span className="font-mono font-semibold">{row.name}</span>
                <span className="text-xs text-zinc-500 dark:text-zinc-400">
                  {row.kind} on {dependency.name}
                </span>
                <span data-testid="queue-depth" className="ml-auto tabular-nums">
                  {row.depth.toLocaleString("en-US")}
                </span>
              </div>
              {row.warnAt !== undefined && row.critAt !== undefined && <DepthBar depth={row.depth} warnAt={row.warnAt} critAt={row.critAt} label={`${row.name} depth`} />}
              <p className="flex flex-wrap gap-x-3 text-sm text-zinc-700 dark:text-zinc-300">
                {row.forecast && <span data-testid="queue-forecast">{row.forecast}</span>}
                {row.details.map((detail) => (
                  <span key={detail}>{detail}</span>
                ))}
                {row.lastActive && <Age at={row.lastActive} now={now} prefix="last activity" />}
              </p>
            </div>
            <Sparkline points={probe.series ?? []} marks={[row.warnAt, row.critAt].filter((m): m is number => m !== undefined)} label={`${row.name} over the last ${probe.series?.length ?? 0} readings`} />
          </li>
        ))}
      </ul>
    </section>
  );
}
