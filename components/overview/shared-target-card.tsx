"use client";

import Link from "next/link";
import { useState } from "react";
import type { SharedTarget } from "@/lib/api/shared-targets";
import { useServiceHref } from "../frozen";
import { StatusBadge } from "../status-badge";

/**
 * Many services in trouble through one target: the target first, the services
 * it takes down after, drawn once asked for: a shared database down behind a
 * thousand services would otherwise put a thousand links in every page load.
 */
export function SharedTargetCard({ group }: { group: SharedTarget }) {
  const href = useServiceHref();
  const [open, setOpen] = useState(false);
  const reading = group.services.find((s) => s.reading)?.reading;
  return (
    <article
      aria-labelledby={`target-${group.key}`}
      data-shared-target={group.key}
      data-status={group.status}
      className="flex flex-col gap-2 rounded-lg border-2 border-red-500 bg-white p-4 shadow-sm dark:bg-zinc-900"
    >
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge status={group.status} />
        <h2 id={`target-${group.key}`} className="font-mono text-base font-semibold">
          {group.target}
        </h2>
        <span className="text-sm text-zinc-600 dark:text-zinc-400">{group.kind}</span>
        <span className="ml-auto text-sm font-semibold" data-testid="affected">
          {group.services.length} services affected
        </span>
      </div>
      {reading && <p className="text-sm text-zinc-800 dark:text-zinc-200">{reading}</p>}
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary className="cursor-pointer rounded text-sm text-sky-700 focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-sky-400">The services that depend on it</summary>
        <ul className="mt-2 flex flex-wrap gap-1.5">
          {open && group.services.map((service) => (
            <li key={service.id}>
              <Link
                href={href(service.id)}
                prefetch={false}
                data-service-link={service.id}
                className="inline-flex items-center gap-1.5 rounded-md border border-zinc-200 px-2 py-0.5 text-xs hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-zinc-700 dark:hover:bg-zinc-800"
              >
                {service.name}
                <StatusBadge status={service.status} size="sm" />
              </Link>
            </li>
          ))}
        </ul>
      </details>
    </article>
  );
}
