"use client";

import Link from "next/link";
import type { Snapshot } from "@/lib/api/snapshot-schema";
import type { HistoryMinute } from "@/lib/api/history-schema";
import { FrozenPicture } from "../frozen";
import { OverviewPage } from "../overview/overview-page";
import { ServicePage } from "../service/service-page";
import { StatusBadge } from "../status-badge";

const utc = (iso: string) => `${iso.slice(11, 19)} UTC`;

/** "Frozen at 14:02:11 UTC by alice — 3 crit, 2 warn", the integrity hash, and how to get it out. */
function Banner({ snapshot, sha256 }: { snapshot: Snapshot; sha256: string }) {
  const crit = snapshot.estate.findings.filter((f) => f.severity === "crit").length;
  const warn = snapshot.estate.findings.length - crit;
  return (
    <section role="note" aria-label="Snapshot" data-testid="snapshot-banner" className="flex flex-col gap-1 rounded-lg border-2 border-sky-600 bg-sky-50 p-3 text-sm print:border-black print:bg-white dark:bg-sky-950/40">
      <p className="text-base font-semibold">
        <span aria-hidden="true">❄ </span>
        {snapshot.title}
      </p>
      <p data-testid="frozen-at">
        Frozen at {utc(snapshot.createdAt)} on {snapshot.createdAt.slice(0, 10)} by {snapshot.takenBy.name} — {crit} crit, {warn} warn. What follows is the picture as it was then, not now.
      </p>
      {snapshot.notes && <p className="whitespace-pre-wrap text-zinc-700 dark:text-zinc-300">{snapshot.notes}</p>}
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Integrity: SHA-256 <code className="break-all">{sha256}</code>
        {snapshot.expiresAt ? ` · kept until ${snapshot.expiresAt.slice(0, 16).replace("T", " ")} UTC` : " · kept until deleted"}
        <span className="print:hidden">
          {" · "}
          <a href={`/api/snapshots/${snapshot.id}?format=md`} className="text-sky-700 hover:underline dark:text-sky-400">
            Markdown for a ticket
          </a>
          {" · "}
          <a href={`/api/snapshots/${snapshot.id}`} className="text-sky-700 hover:underline dark:text-sky-400">
            JSON
          </a>
        </span>
      </p>
    </section>
  );
}

function WindowTimeline({ snapshot }: { snapshot: Snapshot }) {
  return (
    <section aria-labelledby="snapshot-timeline" className="flex flex-col gap-2">
      <h2 id="snapshot-timeline" className="text-lg font-semibold">
        What happened in the {snapshot.windowMinutes} minutes before
      </h2>
      {snapshot.timeline.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing changed in the window.</p>
      ) : (
        <ol className="flex flex-col gap-1 text-sm" data-testid="snapshot-timeline">
          {snapshot.timeline.map((entry) => (
            <li key={entry.id} data-kind={entry.kind} className="flex flex-wrap items-baseline gap-x-2">
              <time dateTime={entry.at} className="w-20 shrink-0 font-mono text-xs text-zinc-500">
                {utc(entry.at)}
              </time>
              {entry.severity && <StatusBadge status={entry.severity} size="sm" />}
              <span>{entry.summary}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function frozen(snapshot: Snapshot) {
  return { estate: snapshot.estate, history: snapshot.history as HistoryMinute[], base: `/s/${snapshot.id}`, at: Date.parse(snapshot.createdAt) };
}

/** The overview as it was, with the banner and the window's timeline. */
export function SnapshotOverview({ snapshot, sha256 }: { snapshot: Snapshot; sha256: string }) {
  return (
    <FrozenPicture frozen={frozen(snapshot)}>
      <div className="flex flex-col gap-6">
        <Banner snapshot={snapshot} sha256={sha256} />
        <OverviewPage />
        <WindowTimeline snapshot={snapshot} />
      </div>
    </FrozenPicture>
  );
}

/** One service's page as it was, inside the snapshot. */
export function SnapshotService({ snapshot, sha256, serviceId }: { snapshot: Snapshot; sha256: string; serviceId: string }) {
  return (
    <FrozenPicture frozen={frozen(snapshot)}>
      <div className="flex flex-col gap-6">
        <Banner snapshot={snapshot} sha256={sha256} />
        <nav aria-label="Snapshot" className="text-sm print:hidden">
          <Link href={`/s/${snapshot.id}`} className="text-sky-700 hover:underline dark:text-sky-400">
            ← The whole snapshot
          </Link>
        </nav>
        <ServicePage serviceId={serviceId} serverNow={Date.parse(snapshot.createdAt)} />
      </div>
    </FrozenPicture>
  );
}
