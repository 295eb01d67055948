"use client";

import Link from "next/link";
import type { FindingView, ServiceView } from "@/lib/api/estate-view-schema";
import { dependencyStatusAt, lastCheckedAt, problemCount, serviceStatusAt, worstReading } from "@/lib/api/live-status";
import { Age } from "../age";
import { useServiceHref } from "../frozen";
import { StatusBadge } from "../status-badge";

export function ServiceCard({ service, findings, now }: { service: ServiceView; findings: FindingView[]; now: number }) {
  const href = useServiceHref();
  const status = serviceStatusAt(service, now);
  const problems = problemCount(service, now);
  // The top finding says what is wrong in runbook words; without one, the worst reading does.
  const top = findings.find((f) => f.explainedBy === null) ?? findings[0];
  const worst = worstReading(service, now);
  const border = status === "down" ? "border-red-500" : status === "degraded" ? "border-amber-500" : "border-zinc-200 dark:border-zinc-800";
  return (
    <article
      aria-labelledby={`service-${service.id}`}
      data-service={service.id}
      data-status={status}
      className={`flex flex-col gap-3 rounded-lg border-2 bg-white p-4 shadow-sm dark:bg-zinc-900 ${border}`}
    >
      <div className="flex items-start justify-between gap-2">
        <h2 id={`service-${service.id}`} className="text-base font-semibold">
          <Link href={href(service.id)} className="rounded hover:underline focus-visible:outline-2 focus-visible:outline-sky-600">
            {service.name}
          </Link>
        </h2>
        <StatusBadge status={status} />
      </div>
      {top ? (
        <Link
          href={href(service.id, `finding-${top.key.replace(/[^a-z0-9-]/gi, "-")}`)}
          data-testid="top-finding"
          className="rounded text-sm hover:underline focus-visible:outline-2 focus-visible:outline-sky-600"
        >
          <span className="font-semibold">{top.title}</span>
          <span className="text-zinc-700 dark:text-zinc-300"> — {top.summary}</span>
        </Link>
      ) : worst ? (
        <p data-testid="top-problem" className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
          {worst.dependency}: {worst.summary}
        </p>
      ) : (
        service.description && <p className="text-sm text-zinc-600 dark:text-zinc-400">{service.description}</p>
      )}
      <ul className="flex flex-wrap gap-1.5" aria-label="Dependencies">
        {service.dependencies.map((dependency) => {
          const depStatus = dependencyStatusAt(dependency, now);
          return (
            <li key={dependency.id}>
              <Link
                href={href(service.id, `dep-${dependency.id}`)}
                className="inline-flex items-center gap-1.5 rounded-md border border-zinc-200 px-2 py-1 text-xs hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-zinc-700 dark:hover:bg-zinc-800"
              >
                <span className="font-medium">{dependency.name}</span>
                <span className="text-zinc-500 dark:text-zinc-400">{dependency.kind}</span>
                <StatusBadge status={depStatus} size="sm" />
              </Link>
            </li>
          );
        })}
      </ul>
      <p className="mt-auto flex flex-wrap justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <span data-testid="problem-count">{problems === 0 ? "no problems" : `${problems} problem${problems === 1 ? "" : "s"}`}</span>
        <Age at={lastCheckedAt(service)} now={now} prefix="checked" />
      </p>
    </article>
  );
}
