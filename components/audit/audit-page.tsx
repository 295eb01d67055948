"use client";

import Link from "next/link";
import { useState } from "react";
import type { AuditEntry } from "@/lib/api/fix-schema";
import { Age } from "../age";
import { useAudit } from "../hooks/use-fixes";
import { useNow } from "../hooks/use-now";

const ACTIONS = ["all", "execute", "refused", "preview"] as const;

function findingLink(entry: AuditEntry, serviceOf: Map<string, string>): string | undefined {
  const service = serviceOf.get(entry.dependencyId);
  if (!service) return undefined;
  return `/services/${encodeURIComponent(service)}${entry.findingKey ? `#finding-${entry.findingKey.replace(/[^a-z0-9-]/gi, "-")}` : `#dep-${entry.dependencyId}`}`;
}

/** Every fix attempt: who, when, what, on what, and how it ended — refusals too. Each row links to its finding and its moment in the timeline. */
export function AuditPage({ dependencies, serverNow }: { dependencies: { id: string; serviceId: string }[]; serverNow: number }) {
  const now = useNow(serverNow);
  const [action, setAction] = useState<(typeof ACTIONS)[number]>("all");
  const audit = useAudit({ limit: 500 });
  const serviceOf = new Map(dependencies.map((d) => [d.id, d.serviceId]));
  const entries = (audit.data?.entries ?? []).filter((e) => action === "all" || e.action === action);
  return (
    <section aria-labelledby="audit-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <h1 id="audit-title" className="text-xl font-semibold">
          Audit log
        </h1>
        <label className="ml-auto flex items-center gap-2 text-sm">
          Show
          <select value={action} onChange={(event) => setAction(event.target.value as typeof action)} className="rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-600 dark:bg-zinc-900">
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a === "all" ? "every attempt" : a === "execute" ? "runs" : a === "refused" ? "refusals" : "previews"}
              </option>
            ))}
          </select>
        </label>
      </div>
      {audit.error && <p role="alert">{audit.error.message}</p>}
      {audit.data && entries.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">No fix has been tried yet.</p>}
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-zinc-500 dark:text-zinc-400">
            <tr>
              {["when", "who", "what", "fix", "on", "targets", "outcome", ""].map((h) => (
                <th key={h} className="px-3 py-2 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {entries.map((entry) => {
              const link = findingLink(entry, serviceOf);
              return (
                <tr key={entry.id} id={`audit-${entry.id}`} data-action={entry.action} data-outcome={entry.outcome} className="align-top target:bg-sky-50 dark:target:bg-sky-950/40">
                  <td className="px-3 py-2 text-xs">
                    <Age at={entry.at} now={now} />
                  </td>
                  <td className="px-3 py-2">
                    {entry.actor} <span className="text-xs text-zinc-500">({entry.role})</span>
                  </td>
                  <td className="px-3 py-2">{entry.action}</td>
                  <td className="px-3 py-2 font-mono text-xs">{entry.fixId}</td>
                  <td className="px-3 py-2 font-mono text-xs">{entry.dependencyId}</td>
                  <td className="px-3 py-2 text-xs" title={entry.targets.map((t) => t.label).join("\n")}>
                    {entry.targets.length}
                  </td>
                  <td className="px-3 py-2">
                    <span className="font-medium">{entry.outcome}</span>
                    {entry.reason && <span className="block text-xs text-zinc-600 dark:text-zinc-400">{entry.reason}</span>}
                    {entry.durationMs !== null && <span className="block text-xs text-zinc-500">{(entry.durationMs / 1000).toFixed(1)} s</span>}
                  </td>
                  <td className="px-3 py-2 text-xs">
                    {link && (
                      <Link href={link} className="text-sky-700 hover:underline dark:text-sky-400">
                        finding
                      </Link>
                    )}{" "}
                    {serviceOf.get(entry.dependencyId) && (
                      <Link href={`/timeline?service=${encodeURIComponent(serviceOf.get(entry.dependencyId)!)}`} className="text-sky-700 hover:underline dark:text-sky-400">
                        timeline
                      </Link>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
