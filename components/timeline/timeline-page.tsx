"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { TimelineEntry } from "@/lib/api/timeline-schema";
import type { ProbeStatus, ServiceStatus } from "@/lib/probe-kit/status";
import { Age } from "../age";
import { useNow } from "../hooks/use-now";
import { useTimeline } from "../hooks/use-timeline";
import { StatusBadge } from "../status-badge";

const KIND_WORDS: Record<TimelineEntry["kind"], string> = {
  "dependency-status": "dependency",
  "service-status": "service",
  "finding-raised": "finding raised",
  "finding-changed": "finding changed",
  "finding-cleared": "finding cleared",
  fix: "fix",
  snapshot: "snapshot taken",
  "snapshot-deleted": "snapshot deleted",
  session: "sign-in",
};

function badgeOf(entry: TimelineEntry): ProbeStatus | ServiceStatus | undefined {
  if (entry.kind === "finding-cleared") return "ok";
  if (entry.severity) return entry.severity;
  return (entry.status as ProbeStatus | ServiceStatus | null) ?? undefined;
}

function linkOf(entry: TimelineEntry): string | undefined {
  if (!entry.serviceId) return undefined;
  const anchor = entry.findingKey ? `#finding-${entry.findingKey.replace(/[^a-z0-9-]/gi, "-")}` : entry.dependencyId ? `#dep-${entry.dependencyId}` : "";
  return `/services/${encodeURIComponent(entry.serviceId)}${anchor}`;
}

/** What happened, newest first, filterable by service; each entry links to where it happened and has a link of its own. */
export function TimelinePage({ services, serviceId, serverNow }: { services: { id: string; name: string }[]; serviceId?: string; serverNow: number }) {
  const router = useRouter();
  const now = useNow(serverNow);
  const timeline = useTimeline({ ...(serviceId ? { serviceId } : {}) });
  const entries = timeline.data?.pages.flatMap((page) => page.entries) ?? [];
  const names = new Map(services.map((s) => [s.id, s.name]));

  return (
    <section aria-labelledby="timeline-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <h1 id="timeline-title" className="text-xl font-semibold">
          Timeline
        </h1>
        <label className="ml-auto flex items-center gap-2 text-sm">
          Service
          <select
            value={serviceId ?? ""}
            onChange={(event) => router.replace(event.target.value ? `/timeline?service=${encodeURIComponent(event.target.value)}` : "/timeline")}
            className="rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-600 dark:bg-zinc-900"
          >
            <option value="">all services</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {timeline.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {timeline.error.message}
        </p>
      )}
      {timeline.isPending && <p className="text-sm text-zinc-500">Reading the timeline…</p>}
      {!timeline.isPending && entries.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing has happened yet{serviceId ? " to this service" : ""}.</p>}
      <ol className="flex flex-col divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {entries.map((entry) => {
          const badge = badgeOf(entry);
          const link = linkOf(entry);
          return (
            <li key={entry.id} id={`t-${entry.id}`} data-kind={entry.kind} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2 text-sm target:bg-sky-50 dark:target:bg-sky-950/40">
              <a href={`#t-${entry.id}`} className="w-28 shrink-0 text-xs text-zinc-500 hover:underline dark:text-zinc-400" title="Link to this moment">
                <Age at={entry.at} now={now} />
              </a>
              {badge && <StatusBadge status={badge} size="sm" />}
              <span className="text-xs uppercase tracking-wide text-zinc-500 dark:text-zinc-400">{KIND_WORDS[entry.kind]}</span>
              {entry.previousStatus && entry.status && (
                <span className="text-xs text-zinc-600 dark:text-zinc-300">
                  {entry.previousStatus} → {entry.status}
                </span>
              )}
              <span className="min-w-0 flex-1">
                {link ? (
                  <Link href={link} className="hover:underline focus-visible:outline-2 focus-visible:outline-sky-600">
                    {entry.summary}
                  </Link>
                ) : (
                  entry.summary
                )}
              </span>
              <span className="text-xs text-zinc-500 dark:text-zinc-400">
                {entry.serviceId ? names.get(entry.serviceId) ?? entry.serviceId : ""}
                {entry.actor && entry.actor !== "lantern" ? ` · by ${entry.actor}` : ""}
              </span>
            </li>
          );
        })}
      </ol>
      {timeline.hasNextPage && (
        <button
          type="button"
          onClick={() => void timeline.fetchNextPage()}
          disabled={timeline.isFetchingNextPage}
          className="self-start rounded border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-zinc-600 dark:hover:bg-zinc-800"
        >
          {timeline.isFetchingNextPage ? "Reading older entries…" : "Older entries"}
        </button>
      )}
    </section>
  );
}
