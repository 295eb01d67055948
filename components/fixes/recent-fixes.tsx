"use client";

import Link from "next/link";
import { Age } from "../age";
import { useAudit } from "../hooks/use-fixes";

const OUTCOME: Record<string, string> = {
  verified: "verified: finding cleared",
  "not-verified": "not verified: still raised",
  failed: "failed",
};

/** The fixes run on this service lately, with who ran them and how they ended: the outcome stays after the finding has gone. */
export function RecentFixes({ serviceId, now }: { serviceId: string; now: number }) {
  const runs = (useAudit({ serviceId, limit: 20 }).data?.entries ?? []).filter((e) => e.action === "execute").slice(0, 5);
  if (runs.length === 0) return null;
  return (
    <section aria-labelledby="recent-fixes-title" className="flex flex-col gap-2">
      <h2 id="recent-fixes-title" className="text-lg font-semibold">
        Recent fixes
      </h2>
      <ul className="flex flex-col gap-1 text-sm">
        {runs.map((run) => (
          <li key={run.id} data-testid="recent-fix" data-outcome={run.outcome} className="flex flex-wrap gap-x-2">
            <span className="font-medium">{run.fixId}</span>
            <span>on {run.dependencyId}:</span>
            <span className={run.outcome === "verified" ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>{OUTCOME[run.outcome] ?? run.outcome}</span>
            <span className="text-zinc-600 dark:text-zinc-400">
              <Age at={run.at} now={now} /> by {run.actor}
            </span>
            <Link href={`/audit#audit-${run.id}`} className="text-xs text-sky-700 hover:underline dark:text-sky-400">
              in the audit log
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
