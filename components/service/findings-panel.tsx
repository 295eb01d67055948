"use client";

import type { FindingView } from "@/lib/api/estate-view-schema";
import { Age } from "../age";
import { CliCommand } from "../cli-command";
import { FixButtons } from "../fixes/fix-buttons";
import { StatusBadge } from "../status-badge";
import { Evidence } from "./evidence";

function FindingCard({ finding, dependencyName, now, symptom = false }: { finding: FindingView; dependencyName: string; now: number; symptom?: boolean }) {
  const anchor = `finding-${finding.key.replace(/[^a-z0-9-]/gi, "-")}`;
  return (
    <details
      id={anchor}
      data-finding={finding.id}
      data-severity={finding.severity}
      data-explained-by={finding.explainedBy ?? ""}
      className={`group scroll-mt-16 rounded-md border p-3 target:ring-2 target:ring-sky-500 ${
        finding.severity === "crit" ? "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950/40" : "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950/30"
      } ${symptom ? "ml-4 sm:ml-8" : ""}`}
    >
      <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1 rounded focus-visible:outline-2 focus-visible:outline-sky-600">
        <span aria-hidden="true" className="text-zinc-500 transition group-open:rotate-90">
          ▸
        </span>
        <StatusBadge status={finding.severity} />
        <span className="font-semibold">{finding.title}</span>
        <span className="text-sm text-zinc-600 dark:text-zinc-400">on {dependencyName}</span>
        <span className="ml-auto text-xs text-zinc-600 dark:text-zinc-400">
          <Age at={finding.since} now={now} prefix="since" />
        </span>
        <span className="basis-full pl-6 text-sm text-zinc-800 dark:text-zinc-200">{finding.summary}</span>
      </summary>
      <div className="mt-3 flex flex-col gap-3 pl-6 text-sm">
        <section aria-label="Evidence">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">Evidence</h4>
          <Evidence evidence={finding.evidence} />
        </section>
        <section aria-label="Likely cause">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">Likely cause</h4>
          <p>{finding.runbook.cause}</p>
        </section>
        <section aria-label="Runbook">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">What to do</h4>
          <ol className="list-decimal space-y-1 pl-5">
            {finding.runbook.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </section>
        <FixButtons finding={finding} />
        {finding.runbook.commands.length > 0 && (
          <section aria-label="Check by hand" className="flex flex-col gap-1.5">
            <h4 className="text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">Check by hand</h4>
            {finding.runbook.commands.map((command) => (
              <CliCommand key={command} command={command} />
            ))}
          </section>
        )}
        <a href={`#${anchor}`} className="self-start text-xs text-sky-700 hover:underline dark:text-sky-400">
          Link to this finding
        </a>
      </div>
    </details>
  );
}

/** The likely cause first, the symptoms it explains under it. */
export function FindingsPanel({ findings, dependencyNames, now }: { findings: FindingView[]; dependencyNames: Map<string, string>; now: number }) {
  const causes = findings.filter((f) => f.explainedBy === null || !findings.some((c) => c.key === f.explainedBy));
  return (
    <section aria-labelledby="findings-title" className="flex flex-col gap-2">
      <h2 id="findings-title" className="text-lg font-semibold">
        Findings
      </h2>
      {causes.length === 0 ? (
        <p data-testid="no-findings" className="text-sm text-zinc-600 dark:text-zinc-400">
          No known problems.
        </p>
      ) : (
        <ul className="flex flex-col gap-2">
          {causes.map((cause) => (
            <li key={cause.key} className="flex flex-col gap-2">
              <FindingCard finding={cause} dependencyName={dependencyNames.get(cause.dependencyId) ?? cause.dependencyId} now={now} />
              {findings
                .filter((f) => f.explainedBy === cause.key)
                .map((symptom) => (
                  <FindingCard key={symptom.key} finding={symptom} dependencyName={dependencyNames.get(symptom.dependencyId) ?? symptom.dependencyId} now={now} symptom />
                ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
