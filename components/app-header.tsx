"use client";

import Link from "next/link";
import { useState } from "react";
import { SnapshotDialog } from "./snapshots/snapshot-dialog";
import { useSession, useSignOut } from "./hooks/use-session";
import { LiveIndicator } from "./live-indicator";
import { useLiveState } from "./providers";
import { ThemeToggle } from "./theme-toggle";

const LINK = "rounded hover:underline focus-visible:outline-2 focus-visible:outline-sky-600";

export function AppHeader() {
  const live = useLiveState();
  const session = useSession().data;
  const signOut = useSignOut();
  const actor = session?.actor;
  const [snapshotting, setSnapshotting] = useState(false);
  return (
    <header className="sticky top-0 z-10 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
        <Link href="/" className="flex items-baseline gap-2 rounded focus-visible:outline-2 focus-visible:outline-sky-600">
          <span className="text-lg font-bold tracking-tight">Lantern</span>
          <span className="text-sm text-zinc-500 dark:text-zinc-400">{session?.estate}</span>
        </Link>
        {session?.lab && (
          <nav aria-label="Lab">
            <Link
              href="/lab"
              className="rounded-md border border-dashed border-fuchsia-500 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-fuchsia-700 hover:bg-fuchsia-50 focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-fuchsia-300 dark:hover:bg-fuchsia-950"
            >
              Lab
            </Link>
          </nav>
        )}
        {actor && (
          <nav aria-label="Tools" className="flex items-center gap-3 text-sm">
            <Link href="/timeline" className={LINK}>
              Timeline
            </Link>
            <Link href="/audit" className={LINK}>
              Audit
            </Link>
            <Link href="/tools/token" className={LINK}>
              Token inspector
            </Link>
            <form action="/tools/errors" role="search" className="flex">
              <label htmlFor="header-error-search" className="sr-only">
                Look up an error message or code
              </label>
              <input
                id="header-error-search"
                name="q"
                placeholder="Look up an error…"
                className="w-44 rounded border border-zinc-300 bg-white px-2 py-0.5 text-xs dark:border-zinc-600 dark:bg-zinc-900"
              />
            </form>
          </nav>
        )}
        <div className="ml-auto flex items-center gap-3">
          {actor && (
            <button
              type="button"
              onClick={() => setSnapshotting(true)}
              className="rounded border border-sky-600 px-2 py-0.5 text-xs font-semibold text-sky-800 hover:bg-sky-50 focus-visible:outline-2 focus-visible:outline-sky-600 print:hidden dark:text-sky-300 dark:hover:bg-sky-950"
            >
              Snapshot
            </button>
          )}
          {snapshotting && <SnapshotDialog onClose={() => setSnapshotting(false)} />}
          {actor && <LiveIndicator state={live} />}
          {actor && (
            <span data-testid="signed-in" className="text-xs text-zinc-700 dark:text-zinc-300">
              <span className="font-semibold">{actor.name}</span> · {actor.role}
            </span>
          )}
          {actor && session?.mode === "token" && (
            <button
              type="button"
              onClick={() => signOut.mutate()}
              disabled={signOut.isPending}
              className="rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-zinc-600 dark:hover:bg-zinc-800"
            >
              {signOut.isPending ? "Signing out…" : "Sign out"}
            </button>
          )}
          <ThemeToggle />
        </div>
      </div>
      {session?.mode === "none" && (
        <p role="note" className="border-t border-amber-300 bg-amber-50 px-4 py-1 text-center text-xs text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          Access mode <strong>none</strong>: everyone who reaches this page is an operator named anonymous. Set <code>access</code> in the estate file before sharing it.
        </p>
      )}
      {actor && session?.storeReachable === false && (
        <p role="alert" className="border-t border-red-300 bg-red-50 px-4 py-1 text-center text-xs text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          Lantern&apos;s store is unreachable: live readings go on, history and the timeline are held in memory until it answers.
        </p>
      )}
    </header>
  );
}
