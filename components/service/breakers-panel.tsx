"use client";

import type { DependencyView } from "@/lib/api/estate-view-schema";
import { formatAge } from "@/lib/probe-kit/format";
import type { BreakerView } from "@/lib/probe-kit/panel-view";
import { Age } from "../age";

const LOOK: Record<BreakerView["state"], { className: string; mark: string }> = {
  closed: { className: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200", mark: "●" },
  "half-open": { className: "bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-200", mark: "◐" },
  open: { className: "bg-red-700 text-white dark:bg-red-600", mark: "■" },
};

function breakersOf(dependency: DependencyView) {
  return dependency.probes.flatMap((probe) => (probe.panels?.breakers ?? []).map((breaker) => ({ breaker, dependency, checkedAt: probe.checkedAt })));
}

/** Every circuit breaker of the service in one table, whichever way it is exposed. */
export function BreakersPanel({ dependencies, now }: { dependencies: DependencyView[]; now: number }) {
  const rows = dependencies.flatMap(breakersOf);
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="breakers-title" className="flex flex-col gap-2">
      <h2 id="breakers-title" className="text-lg font-semibold">
        Circuit breakers
      </h2>
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-zinc-500 dark:text-zinc-400">
            <tr>
              <th className="px-3 py-2 font-medium">breaker</th>
              <th className="px-3 py-2 font-medium">state</th>
              <th className="px-3 py-2 text-right font-medium">failures</th>
              <th className="px-3 py-2 font-medium">since</th>
              <th className="px-3 py-2 font-medium">half-open in</th>
              <th className="px-3 py-2 font-medium">read from</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {rows.map(({ breaker, dependency, checkedAt }) => {
              const look = LOOK[breaker.state];
              const left = breaker.retryInSeconds !== null && checkedAt ? breaker.retryInSeconds * 1000 - (now - Date.parse(checkedAt)) : null;
              return (
                <tr key={`${dependency.id}/${breaker.name}`} data-breaker={breaker.name} data-state={breaker.state}>
                  <td className="px-3 py-2 font-mono">{breaker.name}</td>
                  <td className="px-3 py-2">
                    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold uppercase ${look.className}`}>
                      <span aria-hidden="true">{look.mark}</span>
                      {breaker.state}
                    </span>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{breaker.failures ?? "—"}</td>
                  <td className="px-3 py-2 text-xs">{breaker.since ? <Age at={breaker.since} now={now} /> : "—"}</td>
                  <td className="px-3 py-2 text-xs tabular-nums" data-testid="half-open-in">
                    {breaker.state === "open" && left !== null ? (left > 0 ? formatAge(left) : "any moment") : "—"}
                  </td>
                  <td className="px-3 py-2 text-xs text-zinc-500 dark:text-zinc-400">{dependency.name}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
