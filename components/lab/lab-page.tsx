"use client";

import Link from "next/link";
import type { LabScenario } from "@/lib/api/lab-view-schema";
import type { OverviewPayload } from "@/lib/api/overview-schema";
import { useLabAction, useLabScenarios } from "../hooks/use-lab";
import { useOverview } from "../hooks/use-overview";
import { StatusBadge } from "../status-badge";

function expectation(item: LabScenario["expect"][number]): string {
  if ("finding" in item) return `${item.finding} on ${item.on}`;
  if ("dependency" in item) return `${item.dependency} ${item.status}`;
  return `${item.service} ${item.status}`;
}

export function LabPage({ initial }: { initial: OverviewPayload }) {
  const { data: overview } = useOverview(initial);
  const scenarios = useLabScenarios();
  const action = useLabAction();
  const busy = action.isPending ? action.variables : undefined;
  const systems = [...new Set((scenarios.data ?? []).map((s) => s.system))];

  return (
    <section aria-labelledby="lab-title" className="flex flex-col gap-4">
      <div role="note" className="rounded-lg border-2 border-dashed border-fuchsia-500 bg-fuchsia-50 p-4 text-sm text-fuchsia-950 dark:bg-fuchsia-950/40 dark:text-fuchsia-100">
        <h1 id="lab-title" className="text-lg font-bold">
          Lab — game day
        </h1>
        <p>
          These buttons put the lab’s emulated systems into real trouble on purpose (connections held, proxies cut, triggers disabled). This page exists only
          because Lantern runs beside the lab; a Lantern watching a real estate has no Lab.
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={() => action.mutate({ verb: "reset" })}
          disabled={action.isPending}
          className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-600 disabled:opacity-60 dark:border-zinc-600 dark:hover:bg-zinc-800"
        >
          {busy?.verb === "reset" ? "Resetting…" : "Reset every system"}
        </button>
        {action.isError && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {action.error.message}
          </p>
        )}
        {scenarios.isError && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {scenarios.error.message}
          </p>
        )}
      </div>
      {systems.map((system) => {
        const service = overview?.services.find((s) => s.id === system);
        return (
          <section key={system} aria-labelledby={`lab-${system}`} className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
            <header className="mb-2 flex flex-wrap items-center gap-3">
              <h2 id={`lab-${system}`} className="font-semibold">
                <Link href={`/services/${system}`} className="rounded hover:underline focus-visible:outline-2 focus-visible:outline-sky-600">
                  {service?.name ?? system}
                </Link>
              </h2>
              {service && <StatusBadge status={service.status} />}
            </header>
            <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {scenarios.data!
                .filter((s) => s.system === system)
                .map((scenario) => {
                  const pending = busy?.id === scenario.id;
                  return (
                    <li key={scenario.id} data-scenario={scenario.id} data-applied={scenario.applied} className="flex flex-wrap items-start gap-3 py-3">
                      <div className="min-w-0 flex-1">
                        <p className="font-medium">
                          {scenario.title}
                          {scenario.applied && <span className="ml-2 rounded bg-fuchsia-600 px-1.5 py-0.5 text-xs font-semibold text-white">applied</span>}
                        </p>
                        <p className="text-sm text-zinc-600 dark:text-zinc-400">{scenario.description}</p>
                        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">Lantern should show: {scenario.expect.map(expectation).join(" · ")}</p>
                      </div>
                      <button
                        type="button"
                        onClick={() => action.mutate({ id: scenario.id, verb: scenario.applied ? "revert" : "apply" })}
                        disabled={action.isPending}
                        aria-label={`${scenario.applied ? "Revert" : "Apply"} ${scenario.title}`}
                        className={`rounded-md px-3 py-1.5 text-xs font-semibold text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60 ${scenario.applied ? "bg-zinc-700 hover:bg-zinc-800" : "bg-fuchsia-700 hover:bg-fuchsia-800"}`}
                      >
                        {pending ? (scenario.applied ? "Reverting…" : "Applying…") : scenario.applied ? "Revert" : "Apply"}
                      </button>
                    </li>
                  );
                })}
            </ul>
          </section>
        );
      })}
    </section>
  );
}
