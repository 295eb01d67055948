"use client";

import { useProbeNow } from "../hooks/use-probe-now";

export function ProbeNowButton({ dependencyId, name }: { dependencyId: string; name: string }) {
  const probe = useProbeNow(dependencyId);
  return (
    <div className="flex items-center gap-2">
      {probe.isError && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {probe.error.message}
        </span>
      )}
      <button
        type="button"
        onClick={() => probe.mutate()}
        disabled={probe.isPending}
        aria-label={`Probe ${name} now`}
        className="inline-flex items-center gap-1.5 rounded-md bg-sky-700 px-3 py-1.5 text-xs font-semibold text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:cursor-progress disabled:opacity-70 dark:bg-sky-600 dark:hover:bg-sky-500"
      >
        {probe.isPending && <span aria-hidden="true" className="size-3 animate-spin rounded-full border-2 border-white/40 border-t-white" />}
        {probe.isPending ? "Probing…" : "Probe now"}
      </button>
    </div>
  );
}
