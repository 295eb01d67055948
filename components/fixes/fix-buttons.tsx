"use client";

import type { FindingView } from "@/lib/api/estate-view-schema";
import { useFrozen } from "../frozen";
import { useSession } from "../hooks/use-session";
import { RiskBadge } from "./risk-badge";
import { useOpenFix } from "./fix-launcher";

/** The fixes a finding offers: a button each for operators; viewers see them, disabled, and why. */
export function FixButtons({ finding }: { finding: FindingView }) {
  const role = useSession().data?.actor?.role;
  const openFix = useOpenFix();
  const frozen = useFrozen();
  // A snapshot shows what was wrong; acting belongs to the live page.
  if (finding.fixes.length === 0 || frozen) return null;
  const operator = role === "operator";
  return (
    <section aria-label="Fixes" className="flex flex-col gap-1.5">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">Guided fix</h4>
      <div className="flex flex-wrap items-center gap-2">
        {finding.fixes.map((fix) => (
          <button
            key={fix.id}
            type="button"
            data-fix={fix.id}
            disabled={!operator}
            onClick={() => openFix(finding, fix)}
            className="inline-flex items-center gap-2 rounded border border-zinc-300 bg-white px-3 py-1 text-sm font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-600 disabled:cursor-not-allowed disabled:opacity-60 dark:border-zinc-600 dark:bg-zinc-900 dark:hover:bg-zinc-800"
          >
            {fix.title}…
            <RiskBadge risk={fix.risk} />
          </button>
        ))}
        {!operator && <span className="text-xs text-zinc-600 dark:text-zinc-400">Only an operator may run fixes; you are signed in as a viewer.</span>}
      </div>
    </section>
  );
}
