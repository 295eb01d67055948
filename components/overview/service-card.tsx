"use client";

import Link from "next/link";
import { memo } from "react";
import type { FindingBrief, ServiceSummary } from "@/lib/api/overview-schema";
import { useServiceHref } from "../frozen";
import { StatusBadge } from "../status-badge";

const anchorOf = (key: string) => `finding-${key.replace(/[^a-z0-9-]/gi, "-")}`;

/** A service in a card: its status, what is wrong in runbook words, its dependencies. Drawn again only when they change. */
export const ServiceCard = memo(function ServiceCard({ service, findings }: { service: ServiceSummary; findings: FindingBrief[] }) {
  const href = useServiceHref();
  // The top finding says what is wrong in runbook words; without one, the worst reading does.
  const top = findings.find((f) => f.explainedBy === null) ?? findings[0];
  const border = service.status === "down" ? "border-red-500" : service.status === "degraded" ? "border-amber-500" : "border-zinc-200 dark:border-zinc-800";
  return (
    <article
      aria-labelledby={`service-${service.id}`}
      data-service={service.id}
      data-status={service.status}
      className={`flex flex-col gap-3 rounded-lg border-2 bg-white p-4 shadow-sm [contain-intrinsic-size:auto_12rem] [content-visibility:auto] dark:bg-zinc-900 ${border}`}
    >
      <div className="flex items-start justify-between gap-2">
        <h2 id={`service-${service.id}`} className="text-base font-semibold">
          <Link href={href(service.id)} className="rounded hover:underline focus-visible:outline-2 focus-visible:outline-sky-600">
            {service.name}
          </Link>
        </h2>
        <StatusBadge status={service.status} />
      </div>
      {top ? (
        <Link href={href(service.id, anchorOf(top.key))} data-testid="top-finding" className="rounded text-sm hover:underline focus-visible:outline-2 focus-visible:outline-sky-600">
          <span className="font-semibold">{top.title}</span>
          <span className="text-zinc-700 dark:text-zinc-300"> — {top.summary}</span>
        </Link>
      ) : (
        service.worst && (
          <p data-testid="top-problem" className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
            {service.worst.dependency}: {service.worst.summary}
          </p>
        )
      )}
      <ul className="flex flex-wrap gap-1.5" aria-label="Dependencies">
        {service.dependencies.map((dependency) => (
          <li key={dependency.id}>
            <Link
              href={href(service.id, `dep-${dependency.id}`)}
              className="inline-flex items-center gap-1.5 rounded-md border border-zinc-200 px-2 py-1 text-xs hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              <span className="font-medium">{dependency.name}</span>
              <span className="text-zinc-500 dark:text-zinc-400">{dependency.kind}</span>
              <StatusBadge status={dependency.status} size="sm" />
            </Link>
          </li>
        ))}
      </ul>
      <p className="mt-auto text-xs text-zinc-600 dark:text-zinc-400" data-testid="problem-count">
        {service.problems === 0 ? "no problems" : `${service.problems} problem${service.problems === 1 ? "" : "s"}`}
      </p>
    </article>
  );
});
